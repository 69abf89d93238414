/**
 * Errors of the `comptoir` command: one line on stderr in the language of
 * COMPTOIR_LOCALE or LANG (French by default) and exit code 1, never a stack
 * trace, because the reader is a shop owner at a terminal.
 */
import { AppError } from '../shared/errors.ts';
import { type Locale, type MessageParams, translate } from '../shared/messages.ts';
import { issueMessages } from '../server/problems.ts';

/** A command-line mistake, worded by a code of the message catalogue. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
  ) {
    super(code);
    this.name = 'CliError';
  }
}

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = (env.COMPTOIR_LOCALE || env.LANG || 'fr').toLowerCase();
  return setting.startsWith('en') ? 'en' : 'fr';
}

/** Words an error for the terminal on one line. */
export function cliErrorLine(error: unknown, locale: Locale): string {
  if (error instanceof CliError) return translate(error.code, locale, error.params);
  if (error instanceof AppError) {
    const details = issueMessages(error.issues, locale).map((issue) => `${issue.path}: ${issue.message}`);
    return [translate(error.code, locale, error.params), ...details].join(' ');
  }
  const message = error instanceof Error ? error.message : String(error);
  return translate('cli_failed', locale, { message: message.split('\n')[0] });
}

/** Parses a whole-number option from `min` to `max`, or throws a CliError naming it. */
export function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError('cli_integer_option', { option: name, value: text, min, max });
  }
  return value;
}
