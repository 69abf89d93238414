/**
 * The one check of every text a client sends: names, notes, search words,
 * ids and imported cells. Text is normalised to NFC so that "é" typed as one
 * or two code points compares equal. Control characters (other than tab and
 * line breaks), NUL (which PostgreSQL cannot store), lone surrogates and the
 * bidirectional embedding and override controls (which can make "evil" read
 * "live") are rejected. Zero-width characters around the text are removed, so
 * a name made only of them is empty, as a name of spaces is.
 */
import type { MessageParams } from './messages.ts';

export type TextCheck = { ok: true; text: string } | { ok: false; code: string; params: MessageParams };

// C0 controls except tab, line feed and carriage return, DEL and the C1 controls.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// LRE, RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI.
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/;
// Zero-width space, non-joiner, joiner, word joiner, byte order mark and soft hyphen.
const invisible = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const edgeInvisibles = /^[\u200B-\u200D\u2060\uFEFF\u00AD]+|[\u200B-\u200D\u2060\uFEFF\u00AD]+$/g;
const onlyInvisibles = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]*$/;

/** Names a character for a message: `U+202E`. */
function codePointName(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Checks one text and returns it in NFC without zero-width characters at its
 * edges; a text of only spaces and zero-width characters becomes empty.
 * Surrounding spaces are kept otherwise, because each field decides whether it trims.
 */
export function checkText(value: string): TextCheck {
  if (loneSurrogate.test(value)) return { ok: false, code: 'text_lone_surrogate', params: {} };
  const control = controlCharacter.exec(value);
  if (control) return { ok: false, code: 'text_control_character', params: { character: codePointName(control[0]) } };
  const bidi = bidiControl.exec(value);
  if (bidi) return { ok: false, code: 'text_bidi_control', params: { character: codePointName(bidi[0]) } };
  if (onlyInvisibles.test(value)) return { ok: true, text: invisible.test(value) ? '' : value };
  return { ok: true, text: value.normalize('NFC').replace(edgeInvisibles, '') };
}

export interface TextIssue {
  path: string;
  code: string;
  params: MessageParams;
}

/**
 * Checks every string inside a parsed JSON value (or a query or params
 * object), replacing each by its checked form in place. Returns the issues,
 * with JSON paths such as `lines.0.description`. Keys listed in `skipKeys`
 * (passwords, secrets) are left exactly as sent.
 */
export function checkTextTree(root: unknown, skipKeys: ReadonlySet<string>, issues: TextIssue[] = [], path: string[] = []): TextIssue[] {
  if (root === null || typeof root !== 'object') return issues;
  const entries: [string, unknown][] = Array.isArray(root) ? root.map((item, index) => [String(index), item]) : Object.entries(root);
  for (const [key, value] of entries) {
    if (skipKeys.has(key)) continue;
    const childPath = [...path, key];
    if (typeof value === 'string') {
      const checked = checkText(value);
      if (checked.ok) {
        if (checked.text !== value) (root as Record<string, unknown>)[key] = checked.text;
      } else {
        issues.push({ path: childPath.join('.'), code: checked.code, params: checked.params });
      }
    } else if (value !== null && typeof value === 'object') {
      checkTextTree(value, skipKeys, issues, childPath);
    }
  }
  return issues;
}

// Every C0 and C1 control, the bidirectional controls and lone surrogates: none may reach a message as sent.
const unquotable = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Maximum length, in characters, of a value that a message about a query parameter repeats whole. */
export const MAX_QUOTED_LENGTH = 60;

/**
 * Writes a value that a client sent so that a message can repeat it: each
 * control character, bidirectional control and lone surrogate becomes U+FFFD
 * (�), and a value longer than `max` characters keeps its first `max - 1`
 * followed by "…".
 */
export function quotedValue(value: string, max = MAX_QUOTED_LENGTH): string {
  const characters = Array.from(value.replace(unquotable, '\uFFFD'));
  return characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : characters.join('');
}

/**
 * Cuts `value` to at most `max` UTF-16 code units, as `String.length`
 * counts them, without splitting a character written as a surrogate pair
 * (an emoji, say): such a pair cut in two would leave a lone surrogate.
 */
export function truncateText(value: string, max: number): string {
  const cut = value.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
