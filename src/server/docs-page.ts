/**
 * The API reference page at /api/docs: a plain page that reads the OpenAPI
 * document and lists every route with its parameters and bodies. The script
 * is served as a file so the strict Content Security Policy holds.
 */
export const apiDocsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Comptoir API reference</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1b1e; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
details { border: 1px solid #e3e3e3; border-radius: 6px; margin: .4rem 0; padding: .4rem .7rem; }
summary { cursor: pointer; font-family: ui-monospace, monospace; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.get { color: #1c7ed6; } .post { color: #2f9e44; } .patch, .put { color: #e67700; } .delete { color: #e03131; }
pre { background: #f6f8fa; padding: .6rem; overflow: auto; font-size: .8rem; }
</style>
</head>
<body>
<h1>Comptoir API reference</h1>
<p>Every route under <code>/api/v1</code>. Send <code>Authorization: Bearer TOKEN</code>
(create one with <code>comptoir token create --email E</code>) or use a browser session
with the <code>X-CSRF-Token</code> header on changes. Errors are
<code>application/problem+json</code> with a stable <code>code</code>. The machine-readable
document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<div id="routes">Loading…</div>
<script src="/api/docs/app.js"></script>
</body>
</html>`;

export const apiDocsScript = `
fetch('/api/v1/openapi.json').then((r) => r.json()).then((doc) => {
  const root = document.getElementById('routes');
  root.textContent = '';
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      (byTag[tag] = byTag[tag] || []).push({ path, method, op });
    }
  }
  for (const tag of Object.keys(byTag).sort()) {
    const heading = document.createElement('h2');
    heading.textContent = tag;
    root.appendChild(heading);
    for (const { path, method, op } of byTag[tag]) {
      const box = document.createElement('details');
      const summary = document.createElement('summary');
      const verb = document.createElement('span');
      verb.className = 'method ' + method;
      verb.textContent = method.toUpperCase();
      summary.appendChild(verb);
      summary.appendChild(document.createTextNode(path + (op.summary ? '  ' + op.summary : '')));
      box.appendChild(summary);
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
      box.appendChild(pre);
      root.appendChild(box);
    }
  }
});
`;
