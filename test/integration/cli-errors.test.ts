/**
 * Every `comptoir` failure is one line in the configured language with
 * exit code 1, never a Node stack trace.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { comptoirEntry } from '../helpers/cli.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'comptoir-cli-errors-'));

async function comptoir(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  const entry = await comptoirEntry();
  try {
    const { stdout, stderr } = await run('node', [entry, ...args], {
      env: { ...process.env, COMPTOIR_LOCALE: '', LANG: '', DATABASE_URL: databaseUrl, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(engines)('cli errors on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('demo rejects a bad contact count', async () => {
    for (const count of ['abc', '-5']) {
      const result = await comptoir(database.url, ['demo', `--contacts=${count}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`L’option --contacts doit être un nombre entier de 0 à 100000 ; « ${count} » ne convient pas.\n`);
    }
    const english = await comptoir(database.url, ['demo', '--contacts', 'abc'], { LANG: 'en_GB.UTF-8' });
    expect(english.stderr).toBe('The --contacts option must be a whole number from 0 to 100000; “abc” is not.\n');
  });

  it('demo rejects an unknown language', async () => {
    const result = await comptoir(database.url, ['demo', '--language', 'de']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('L’option --language accepte fr, en ; « de » ne convient pas.\n');
  });

  it('demo twice on one database', async () => {
    const first = await comptoir(database.url, ['demo', '--contacts', '3']);
    expect(first.code, first.stderr).toBe(0);
    const second = await comptoir(database.url, ['demo', '--contacts', '3']);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      'La démonstration est déjà chargée dans cette base (demo@comptoir.test existe) : utilisez une autre base (DATABASE_URL) ou une autre adresse (--email).\n',
    );
  });

  /** Runs a failing command and returns its one line of stderr, checking the exit code and that nothing else was printed. */
  const failure = async (args: string[], env: Record<string, string> = {}) => {
    const result = await comptoir(database.url, args, env);
    expect(result.code, args.join(' ')).toBe(1);
    expect(result.stdout, args.join(' ')).toBe('');
    expect(result.stderr.split('\n'), args.join(' ')).toHaveLength(2);
    return result.stderr;
  };
  const demoBusiness = async () =>
    (await database.db.kysely.selectFrom('businesses').select('id').where('name', '=', 'Épicerie du Marché').executeTakeFirstOrThrow()).id;

  it('missing options are translated', async () => {
    expect(await failure(['token', 'create'])).toBe('L’option --email manque : ajoutez-la (voir comptoir token create --help).\n');
    expect(await failure(['token', 'create', '--email'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'The --email option needs a value: write it after the option (see comptoir token create --help).\n',
    );
    expect(await failure(['import'])).toBe('Il manque l’argument file de comptoir import (voir comptoir import --help).\n');
  });

  it('unknown options and commands are translated', async () => {
    expect(await failure(['export', '--frmat', 'csv'])).toBe(
      'Option inconnue « --frmat » pour comptoir export : comptoir export --help liste les options.\n',
    );
    expect(await failure(['import', 'a.csv', 'b.csv'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'Too many arguments for comptoir import: 1 expected, 2 given (see comptoir import --help).\n',
    );
    expect(await failure(['tokens'])).toBe('Commande inconnue « tokens » : comptoir --help liste les commandes.\n');
  });

  it('help still exits with 0', async () => {
    const help = await comptoir(database.url, ['token', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--email <email>');
    expect(help.stderr).toBe('');
  });

  it('token create names the address', async () => {
    expect(await failure(['token', 'create', '--email', 'Personne@Example.fr'])).toBe(
      'Aucun utilisateur n’a l’adresse e-mail « personne@example.fr » : vérifiez l’adresse, ou créez d’abord l’utilisateur.\n',
    );
    expect(await failure(['token', 'create', '--email', 'personne@example.fr'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'No user has the email address “personne@example.fr”: check the address, or create the user first.\n',
    );
    expect(await failure(['token', 'create', '--email', 'demo@comptoir.test', '--name', ' '])).toBe(
      'L’option --name attend un texte de 1 à 100 caractères ; «   » ne convient pas.\n',
    );
  });

  it('import errors name the value', async () => {
    const id = await demoBusiness();
    const file = join(folder, `contacts-${engine}.csv`);
    writeFileSync(file, 'Nom;Prénom;Mobile\nMartin;Élodie;06 11 22 33 44\n');
    const missing = join(folder, 'absent.csv');
    expect(await failure(['import', missing, '--business', id])).toBe(`Fichier introuvable : « ${missing} ». Vérifiez le chemin.\n`);
    expect(await failure(['import', file, '--business', id, '--mode', 'replace'])).toBe(
      'L’option --mode accepte create, upsert ; « replace » ne convient pas.\n',
    );
    expect(await failure(['import', file, '--business', id, '--match', 'email,nom'])).toBe(
      'L’option --match ne connaît pas nom : les valeurs possibles sont code, email, mobile, taxNumber, loyaltyCardNumber.\n',
    );
  });

  it('import options and actor name the value', async () => {
    const id = await demoBusiness();
    const file = join(folder, `contacts-${engine}.csv`);
    expect(await failure(['import', file, '--business', id, '--delimiter', ':', '--lang', 'en'])).toBe(
      'The --delimiter option takes tab, ;, ,, |; “:” is not one of them.\n',
    );
    expect(await failure(['import', file, '--lang', 'de'])).toBe('L’option --lang accepte fr, en ; « de » ne convient pas.\n');
    expect(await failure(['import', file, '--as', 'inconnu@example.fr'])).toBe(
      'Aucun utilisateur actif n’a l’adresse e-mail « inconnu@example.fr » (option --as) : vérifiez l’adresse.\n',
    );
    expect(await failure(['import', file, '--business', 'nulle-part'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'No business has the id “nulle-part” (--business option): check the id.\n',
    );
  });

  it('export errors name the value', async () => {
    const id = await demoBusiness();
    expect(await failure(['export', '--business', id, '--format', 'doc'])).toBe(
      'L’option --format accepte csv, xlsx, pdf, vcf ; « doc » ne convient pas.\n',
    );
    expect(await failure(['export', '--business', id, '--columns', 'firstName,solde'])).toMatch(
      /^L’option --columns ne connaît pas solde : les valeurs possibles sont code, .*, createdAt\.\n$/,
    );
  });

  it('restore errors name the file', async () => {
    const missing = join(folder, 'absent.backup.gz');
    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'pas une sauvegarde\n');
    const gzipped = join(folder, 'list.csv.gz');
    writeFileSync(gzipped, gzipSync(Buffer.from('code;nom\nCO1;Hélène\n')));
    const empty = await createTestDatabase(engine);
    try {
      expect(await failure(['restore', missing], { DATABASE_URL: empty.url })).toBe(
        `Fichier de sauvegarde introuvable ou illisible : ${missing}. Vérifiez le chemin.\n`,
      );
      for (const file of [text, gzipped]) {
        expect(await failure(['restore', file], { DATABASE_URL: empty.url, LANG: 'en_GB.UTF-8' })).toBe(
          `${file} is not a Comptoir backup: give a file written by “comptoir backup”.\n`,
        );
      }
      expect(await empty.db.kysely.selectFrom('businesses').select('id').execute()).toEqual([]);
    } finally {
      await empty.drop();
    }
    expect(await failure(['restore', text])).toBe(
      'La base de destination contient déjà des données : restaurez dans une base vide (DATABASE_URL).\n',
    );
  });

  it('export dialect errors name the value', async () => {
    const id = await demoBusiness();
    expect(await failure(['export', '--business', id, '--separator', ':'])).toBe(
      'L’option --separator accepte ;, ,, |, tab ; « : » ne convient pas.\n',
    );
    expect(await failure(['export', '--business', id, '--type', 'client', '--lang', 'en'])).toBe(
      'The --type option takes customer, supplier, both; “client” is not one of them.\n',
    );
    expect(await failure(['export', '--business', id, '--date-format', 'jj/mm/aaaa'])).toBe(
      'L’option --date-format accepte dd/mm/yyyy, yyyy-mm-dd, mm/dd/yyyy ; « jj/mm/aaaa » ne convient pas.\n',
    );
  });

  it('errors follow the business language', async () => {
    // An English business whose only user is deactivated: the token command
    // finds the business with the user, and words the error in English.
    await createBusiness(database.db.kysely, {
      name: 'Corner Shop', currency: 'GBP', locale: 'en', timezone: 'Europe/London', country: 'GB',
      admin: { email: 'owner@corner.example', password: 'a long test passphrase', name: 'Owner' },
    });
    await database.db.kysely.updateTable('users').set({ is_active: 0 }).where('email', '=', 'owner@corner.example').execute();
    expect(await failure(['token', 'create', '--email', 'owner@corner.example'])).toBe(
      'The account “owner@corner.example” is deactivated: reactivate it before creating a token.\n',
    );
    // With two businesses, the export cannot choose one.
    expect(await failure(['export'])).toBe(
      'La base contient plusieurs entreprises : choisissez-en une avec --business <id> ou --as <adresse>.\n',
    );
  });

  it('date options name the value', async () => {
    for (const command of [['loyalty', 'expire'], ['reminders', 'run']]) {
      const result = await comptoir(database.url, [...command, '--today', '2026-13-01'], { COMPTOIR_LOCALE: 'en' });
      expect(result.code, command.join(' ')).toBe(1);
      expect(result.stderr, command.join(' ')).toBe('The --today option must be a date written YYYY-MM-DD; “2026-13-01” is not.\n');
    }
  });

  it('unexpected failure is one line', async () => {
    // Nothing listens on port 1 of the loopback address, so the connection is refused.
    const result = await comptoir('postgres://postgres@127.0.0.1:1/comptoir', ['demo', '--contacts', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Échec de la commande : /);
  });
});
