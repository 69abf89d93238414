/**
 * Quiet hours are a local time range, possibly over midnight (21:00 to
 * 08:00), in which automatic messages are not sent. A message queued inside
 * the range waits for its end.
 */
import { addDays } from '../ledger/dates.ts';

export interface QuietHours {
  start: string;
  end: string;
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTime(value: string): boolean {
  return timePattern.test(value);
}

function minutesOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

interface LocalParts {
  date: string;
  minutes: number;
}

function localParts(instant: Date, timezone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

/**
 * Converts local `time` on local `date` in `timezone` to a UTC instant. A
 * time inside a daylight-saving change hour becomes a nearby instant.
 */
export function localInstant(date: string, time: string, timezone: string): Date {
  const target = Date.parse(`${date}T${time}:00Z`);
  let guess = target;
  // Two corrections settle the offset, DST changes included.
  for (let round = 0; round < 2; round += 1) {
    const seen = localParts(new Date(guess), timezone);
    const seenAsUtc = Date.parse(`${seen.date}T00:00:00Z`) + seen.minutes * 60_000;
    guess += target - seenAsUtc;
  }
  return new Date(guess);
}

/**
 * When a message queued at `now` may go out: `now` itself outside quiet
 * hours, or the end of the quiet period that contains `now`.
 */
export function notBefore(now: Date, timezone: string, quiet: QuietHours | null): Date {
  if (!quiet || quiet.start === quiet.end) return now;
  const local = localParts(now, timezone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const overMidnight = start > end;
  const inside = overMidnight ? local.minutes >= start || local.minutes < end : local.minutes >= start && local.minutes < end;
  if (!inside) return now;
  const endDate = overMidnight && local.minutes >= start ? addDays(local.date, 1) : local.date;
  return localInstant(endDate, quiet.end, timezone);
}
