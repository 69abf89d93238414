/**
 * Business-local days as UTC instants, for filters on UTC timestamps such as
 * `created_at`: a day starts at local midnight in the business time zone.
 */

/** Minutes the zone is ahead of UTC at `instant` (Paris in summer: 120). */
function zoneOffsetMinutes(instant: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - instant) / 60_000);
}

/** Returns the local date (`YYYY-MM-DD`) in `timezone` at `instant`. */
function localDate(instant: number, timezone: string): string {
  return new Date(instant + zoneOffsetMinutes(instant, timezone) * 60_000).toISOString().slice(0, 10);
}

/**
 * Returns the ISO UTC timestamp at which `date` (`YYYY-MM-DD`) begins in `timezone`.
 * The offset is read twice, because the first guess can sit on the other
 * side of a daylight-saving change.
 */
export function localDayStart(date: string, timezone: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const firstGuess = midnightUtc - zoneOffsetMinutes(midnightUtc, timezone) * 60_000;
  const secondGuess = midnightUtc - zoneOffsetMinutes(firstGuess, timezone) * 60_000;
  // Where the clocks skip midnight (Santiago, Havana), the second guess falls in the
  // evening before. The day then begins at the first guess, the end of the skipped hour.
  const instant = localDate(secondGuess, timezone) < date ? firstGuess : secondGuess;
  return new Date(instant).toISOString();
}

/** Returns the ISO UTC timestamp at which the day after `date` begins in `timezone`. */
export function localDayEnd(date: string, timezone: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return localDayStart(next.toISOString().slice(0, 10), timezone);
}
