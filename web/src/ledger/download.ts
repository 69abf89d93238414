/**
 * Downloads a file the API builds (statement PDF, ledger exports) in the UI
 * language: fetched with the session cookie and `Accept-Language`, then saved
 * under the name the server gives in `Content-Disposition`.
 */
import { ApiError, apiUrl, type RequestOptions } from '../api/client.ts';
import { currentLocale } from '../i18n/index.ts';

export async function downloadFile(path: string, query: RequestOptions['query'], fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      headers: { 'Accept-Language': currentLocale() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network_error' });
  }
  if (!response.ok) {
    let problem: Record<string, unknown> = {};
    try {
      problem = (await response.json()) as Record<string, unknown>;
    } catch {
      // Not a problem document: keep the status alone.
    }
    throw new ApiError(response.status, problem);
  }

  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads the file name of a `Content-Disposition` header, the UTF-8 form first. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() ?? null;
}
