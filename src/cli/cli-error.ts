/**
 * Errors of the `comptoir` command: one line on stderr and exit code 1,
 * never a stack trace, because the reader is a shop owner at a terminal.
 * The line is in the language of the user a command acts as (their own,
 * else their business's) once the command has found them, else in that of
 * COMPTOIR_LOCALE or LANG, French by default.
 */
import { type Command, CommanderError } from 'commander';
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

/** The end of a command that printed what it had to (its help or version), with its exit code. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

/** Returns the language of COMPTOIR_LOCALE, else of LANG, else French. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const setting = (env.COMPTOIR_LOCALE || env.LANG || 'fr').toLowerCase();
  return setting.startsWith('en') ? 'en' : 'fr';
}

/**
 * Checks whether a query failed because a table does not exist, as on a
 * database that Comptoir never migrated. SQLite reports "no such table", and
 * PostgreSQL returns SQLSTATE 42P01 (undefined_table).
 */
function isMissingTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === '42P01') return true;
  return code === 'SQLITE_ERROR' && typeof message === 'string' && message.startsWith('no such table: ');
}

/** Words an error for the terminal on one line. */
export function cliErrorLine(error: unknown, locale: Locale): string {
  if (error instanceof CliError) return translate(error.code, locale, error.params);
  if (isMissingTable(error)) return translate('cli_database_not_migrated', locale);
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

/** Returns `value` when it is one of `allowed`, or throws a CliError naming the option and the choices. */
export function choiceOption<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((choice) => choice === value);
  if (found === undefined) throw new CliError('cli_choice_option', { option: name, value, allowed: allowed.join(', ') });
  return found;
}

/**
 * Makes commander's usage errors (a missing option, an unknown one, extra
 * arguments) CliErrors for `command` and every subcommand, so that they are
 * worded like the others instead of commander's English line and help.
 */
export function translateUsageErrors(command: Command, path = command.name()): void {
  command.configureOutput({ outputError: () => undefined });
  command.exitOverride((error) => {
    throw usageError(error, path);
  });
  for (const subcommand of command.commands) translateUsageErrors(subcommand, `${path} ${subcommand.name()}`);
}

/** Converts commander's error of the command at `path` (`comptoir token create`). */
function usageError(error: CommanderError, path: string): Error {
  // Commander quotes the option, argument or command in its message: `error: unknown option '--emial'`.
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const flag = quoted.split(/[\s,]/)[0] ?? quoted;
  switch (error.code) {
    case 'commander.help':
    case 'commander.helpDisplayed':
    case 'commander.version':
      return new CliExit(error.exitCode);
    case 'commander.missingMandatoryOptionValue':
      return new CliError('cli_option_required', { option: flag, command: path });
    case 'commander.optionMissingArgument':
      return new CliError('cli_option_value_missing', { option: flag, command: path });
    case 'commander.unknownOption':
      return new CliError('cli_unknown_option', { option: flag, command: path });
    case 'commander.missingArgument':
      return new CliError('cli_argument_missing', { argument: quoted, command: path });
    case 'commander.unknownCommand':
      return new CliError('cli_unknown_command', { name: quoted, command: path });
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(error.message);
      return new CliError('cli_too_many_arguments', { command: path, expected: counts?.[1] ?? '?', received: counts?.[2] ?? '?' });
    }
    default:
      return new CliError('cli_failed', { message: error.message.replace(/^error: /, '') });
  }
}
