/** Writes an IBAN in groups of four characters, as bank statements print it. */
export function ibanGroups(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
