/** Addresses of the duplicates page and of the merge screen for a set of contacts. */
export const duplicatesPath = '/contacts/duplicates';

export function mergePath(ids: string[]): string {
  return `/contacts/merge?ids=${ids.map(encodeURIComponent).join(',')}`;
}
