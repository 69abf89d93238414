import { randomBytes, createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A new time-ordered primary key (UUIDv7), safe for several writers. */
export function newId(): string {
  return uuidv7();
}

/** A random secret for sessions, CSRF and API tokens (256 bits, base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored only as their SHA-256, so a database leak reveals none. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}
