/**
 * Characters that the server rejects in any text it receives: the C0 and C1
 * control characters and the bidirectional embedding, override and isolate
 * controls. A page address may contain them (typed, pasted or forged), so a
 * screen drops them, or treats the value as invalid, before it calls the API.
 */
const rejectedCharacters = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const rejectedRuns = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g;

/** Tells whether `text` contains a character that the server rejects. */
export function hasRejectedCharacters(text: string): boolean {
  return rejectedCharacters.test(text);
}

/** Returns `text` with each run of characters that the server rejects read as one space. */
export function withoutRejectedCharacters(text: string): string {
  return text.replace(rejectedRuns, ' ');
}
