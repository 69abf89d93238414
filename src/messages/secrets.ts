/**
 * Encryption at rest for channel passwords, gateway headers and webhook
 * secrets: AES-256-GCM with a key from COMPTOIR_SECRET_KEY (32 bytes in
 * base64). Without the variable, a SQLite installation generates a key file
 * once in its data folder; PostgreSQL instances must share one key, so they
 * store no secret until the variable is set.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Db, sqlitePath } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';

export const SECRET_KEY_VARIABLE = 'COMPTOIR_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

const VERSION = 'v1';

export interface SecretBox {
  /** First 8 hex digits of the key's SHA-256, stored in each sealed value to name its key. */
  keyId: string;
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

const boxes = new Map<string, SecretBox>();

/**
 * Returns the box for this database, keyed by the environment variable when
 * set, else by the SQLite key file (created on first use). Throws
 * `secret_key_missing` on PostgreSQL without the variable.
 */
export function secretBox(db: Pick<Db, 'engine' | 'url'>, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const fromEnv = env[SECRET_KEY_VARIABLE];
  const cacheKey = fromEnv ? `env:${fromEnv}` : `db:${db.url}`;
  let box = boxes.get(cacheKey);
  if (!box) {
    box = makeBox(fromEnv ? parseKey(fromEnv) : keyFromFile(db));
    boxes.set(cacheKey, box);
  }
  return box;
}

export function parseKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${SECRET_KEY_VARIABLE} must be 32 bytes in base64 (got ${key.length} bytes): generate one with \`openssl rand -base64 32\``,
    );
  }
  return key;
}

function keyFromFile(db: Pick<Db, 'engine' | 'url'>): Buffer {
  if (db.engine !== 'sqlite') throw new AppError('secret_key_missing', { variable: SECRET_KEY_VARIABLE });
  const path = sqlitePath(db.url);
  if (path === ':memory:') throw new AppError('secret_key_missing', { variable: SECRET_KEY_VARIABLE });
  const file = join(dirname(path), SECRET_KEY_FILE);
  if (!existsSync(file)) {
    try {
      // `wx` fails when another process wrote the file first; its key is then read below.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKey(readFileSync(file, 'utf8'));
}

function makeBox(key: Buffer): SecretBox {
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return {
    keyId,
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, iv.toString('base64'), tag.toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed, context) {
      const [version, sealedKeyId, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('stored secret is not in the v1 format');
      if (sealedKeyId !== keyId) {
        throw new Error(
          `stored secret was encrypted with key ${sealedKeyId}, but the current key is ${keyId}: restore the former ${SECRET_KEY_VARIABLE} or enter the secret again`,
        );
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/** Builds the associated data that binds a ciphertext to its business and use. */
export function secretContext(businessId: string, purpose: string): string {
  return `${businessId}:${purpose}`;
}
