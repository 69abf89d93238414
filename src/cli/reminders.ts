/**
 * `comptoir reminders run [--today YYYY-MM-DD]` queues each business's
 * payment reminders for its local day (or the given one), then sends what
 * the outbox has due. `comptoir outbox run` only sends. Both do what the
 * server's message job does every few minutes, and running them again the
 * same day sends nothing twice.
 */
import { Command } from 'commander';
import { openDatabase } from '../db/database.ts';
import { isIsoDate, todayIn } from '../ledger/dates.ts';
import { loadConfig } from '../server/config.ts';
import { CliError } from './cli-error.ts';
import { counted } from './counted.ts';

interface RemindersOptions {
  today?: string;
  business?: string;
  send: boolean;
}

const consoleLog = {
  info: () => undefined,
  warn: (object: object, message: string) => process.stderr.write(`${message}: ${JSON.stringify(object)}\n`),
  error: (object: object, message: string) => process.stderr.write(`${message}: ${JSON.stringify(object)}\n`),
};

async function remindersRun(options: RemindersOptions): Promise<number> {
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new CliError('cli_date_option', { option: '--today', value: options.today });
  }
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    let query = db.kysely.selectFrom('businesses').select(['id', 'name', 'timezone']).orderBy('created_at');
    if (options.business) query = query.where('id', '=', options.business);
    const businesses = await query.execute();
    if (businesses.length === 0) {
      throw options.business ? new CliError('cli_business_not_found', { id: options.business }) : new CliError('cli_no_business');
    }
    const { runReminders } = await import('../messages/run-reminders.ts');
    for (const business of businesses) {
      const runDate = options.today ?? todayIn(business.timezone);
      const result = await runReminders(db, business.id, runDate);
      console.log(`${runDate} ${business.name}: ${counted(result.messages, 'reminder')} queued for ${counted(result.contacts, 'contact')}, ${result.heldContacts} on hold`);
    }
    if (options.send) await sendDue(db);
    return 0;
  } finally {
    await db.close();
  }
}

async function sendDue(db: ReturnType<typeof openDatabase>): Promise<void> {
  const { runOutbox } = await import('../messages/run-outbox.ts');
  const result = await runOutbox(db, { log: consoleLog });
  console.log(`outbox: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed, ${result.cancelled} cancelled`);
}

async function outboxRun(): Promise<number> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await sendDue(db);
    return 0;
  } finally {
    await db.close();
  }
}

export function remindersCommand(): Command {
  const reminders = new Command('reminders').description('payment reminders');
  reminders
    .command('run')
    .description('queue the reminders due today in each business, then send the outbox')
    .option('--today <date>', 'the business-local day to run for, YYYY-MM-DD, instead of each business’s today')
    .option('--business <id>', 'run for this business only')
    .option('--no-send', 'queue the reminders without sending the outbox')
    .action(async (options: RemindersOptions) => {
      process.exitCode = await remindersRun(options);
    });
  return reminders;
}

export function outboxCommand(): Command {
  const outbox = new Command('outbox').description('the message outbox');
  outbox
    .command('run')
    .description('send the messages that are due, with retries for those that failed before')
    .action(async () => {
      process.exitCode = await outboxRun();
    });
  return outbox;
}
