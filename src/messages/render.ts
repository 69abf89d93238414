/**
 * Placeholders are written `{{name}}` (spaces inside the braces allowed).
 * Checking lists every unknown or unavailable name with its field path;
 * rendering fills the values, HTML-escaped in HTML bodies.
 */
import type { IssueList } from '../shared/errors.ts';
import { findPlaceholder, groupsByEvent, type TemplateEvent } from './catalogue.ts';

const placeholderPattern = /\{\{([^{}]*)\}\}/g;
const namePattern = /^[a-z][a-z0-9_]*$/;

export interface RenderValues {
  /** Plain text of every placeholder that has a value. */
  text: Record<string, string>;
  /** Ready-made HTML of the placeholders whose HTML differs from escaped text (lists). */
  html: Record<string, string>;
}

/**
 * Adds an issue at `path` for each malformed, unknown or (for `event`)
 * unavailable placeholder in `template`.
 */
export function checkPlaceholders(
  template: string,
  event: TemplateEvent | 'manual',
  path: string,
  issues: IssueList,
): void {
  const allowed = groupsByEvent[event];
  const reported = new Set<string>();
  for (const match of template.matchAll(placeholderPattern)) {
    const name = (match[1] ?? '').trim();
    if (reported.has(name)) continue;
    reported.add(name);
    if (!namePattern.test(name)) {
      issues.add(path, 'malformed_placeholder', { value: match[0] });
      continue;
    }
    const known = findPlaceholder(name);
    if (!known) issues.add(path, 'unknown_placeholder', { name });
    else if (!allowed.includes(known.group)) issues.add(path, 'placeholder_not_available', { name, event });
  }
  const stray = template.replace(placeholderPattern, '');
  if (stray.includes('{{')) issues.add(path, 'malformed_placeholder', { value: '{{' });
}

export function renderText(template: string, values: RenderValues): string {
  return template.replace(placeholderPattern, (_, inner: string) => values.text[inner.trim()] ?? '');
}

export function renderHtml(template: string, values: RenderValues): string {
  return template.replace(placeholderPattern, (_, inner: string) => {
    const name = inner.trim();
    return values.html[name] ?? escapeHtml(values.text[name] ?? '');
  });
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
