import { hash, verify } from '@node-rs/argon2';
import type { IssueList } from '../shared/errors.ts';

export const MIN_PASSWORD_LENGTH = 10;

// argon2id (the library's default algorithm) with its default cost: 19 MiB,
// 2 passes, as OWASP suggests for interactive sign-in.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

const commonPasswords = new Set([
  'password123', 'motdepasse', 'azertyuiop', 'qwertyuiop', '1234567890',
  '0123456789', 'administrateur', 'administrator', 'comptoir123', 'motdepasse1',
]);

/** Adds a `weak_password` issue at `path` when the password is too easy to guess. */
export function checkPasswordStrength(password: string, path: string, issues: IssueList): void {
  const lowered = password.toLowerCase();
  const oneCharacter = new Set(lowered).size <= 2;
  if (password.length < MIN_PASSWORD_LENGTH || commonPasswords.has(lowered) || oneCharacter) {
    issues.add(path, 'weak_password', { min: MIN_PASSWORD_LENGTH });
  }
}
