/**
 * Shows an email's HTML in a sandboxed frame: no script runs and the page's
 * styles do not leak in or out.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      style={{ width: '100%', minHeight: 260, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, background: 'white' }}
    />
  );
}
