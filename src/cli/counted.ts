/** Writes a count with its noun in the singular for 1 and in the plural otherwise, as command output reads in English. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
