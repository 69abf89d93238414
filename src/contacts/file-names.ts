/** Makes an uploaded file name safe to store and to send back in Content-Disposition. */

export const MAX_FILE_NAME_LENGTH = 150;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Keeps the last path segment, drops control and formatting characters
 * (bidirectional overrides included), replaces characters that Windows
 * forbids, strips leading dots and shortens long names, extension kept.
 */
export function sanitizeFileName(raw: string, fallbackExtension = ''): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') name = fallbackExtension ? `document.${fallbackExtension}` : 'document';
  if (name.length > MAX_FILE_NAME_LENGTH) {
    const extension = extensionOf(name);
    const keep = MAX_FILE_NAME_LENGTH - (extension ? extension.length + 1 : 0);
    name = extension && extension.length < 10 ? `${name.slice(0, keep)}.${extension}` : name.slice(0, MAX_FILE_NAME_LENGTH);
  }
  return name;
}

/** `attachment` Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
