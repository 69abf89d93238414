/** Checks of the addresses a business gives Comptoir to call. */
import type { IssueList } from '../shared/errors.ts';

/** Adds `invalid_url` unless `value` is an absolute http(s) URL. */
export function checkHttpUrl(value: string, path: string, issues: IssueList): void {
  let url: URL;
  try {
    // Placeholders are filled later; a neutral value lets the template parse.
    url = new URL(value.replace(/\{\{[^{}]*\}\}/g, 'x'));
  } catch {
    issues.add(path, 'invalid_url', { value });
    return;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    issues.add(path, 'invalid_url', { value });
  }
}

/** Scheme, host and path only, without credentials or query. */
export function urlPreview(value: string): string {
  const withoutQuery = value.split(/[?#]/)[0] ?? '';
  return withoutQuery.replace(/^(https?:\/\/)[^/@]*@/i, '$1');
}
