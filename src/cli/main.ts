/** The `comptoir` command. */
import { Command } from 'commander';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig } from '../server/config.ts';
import { tokenCommand } from './token-create.ts';
import { CliExit, cliErrorLine, cliLocale, translateUsageErrors } from './cli-error.ts';
import { loyaltyCommand } from './loyalty.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { outboxCommand, remindersCommand } from './reminders.ts';

const program = new Command();
program
  .name('comptoir')
  .description('Customers, suppliers, ledgers and loyalty for small shops')
  // Lets `import list` and `import undo` have options that `import` also has.
  .enablePositionalOptions();

program
  .command('serve')
  .description('serve the web app and the API (PORT, HOST, DATABASE_URL)')
  .action(async () => {
    const { startServer } = await import('../server/start.ts');
    await startServer(loadConfig());
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const db = openDatabase(loadConfig().databaseUrl);
    const applied = await migrate(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    await db.close();
  });

program
  .command('backup')
  .argument('<out>', 'file to write (gzip-compressed JSON lines)')
  .description('write a consistent backup of the whole database while the server runs')
  .action(async (out: string) => {
    const { backupCommand } = await import('./backup.ts');
    await backupCommand(out);
  });

program
  .command('restore')
  .argument('<in>', 'a file written by comptoir backup')
  .description('restore a backup into an empty database (DATABASE_URL)')
  .action(async (input: string) => {
    const { restoreCommand } = await import('./backup.ts');
    await restoreCommand(input);
  });

program
  .command('demo')
  .description('load a sample French shop, in French or English: a few hundred contacts with six months of sales, purchases and payments')
  .option('--email <email>', 'sign-in email of the demo administrator', 'demo@comptoir.test')
  .option('--password <password>', 'password of the demo administrator', 'demo comptoir 2026')
  .option('--contacts <count>', 'number of contacts to create', '300')
  .option('--seed <number>', 'seed of the sample data (the same seed gives the same shop)', '1')
  .option('--language <language>', 'fr or en: language of the shop and of the names and notes it writes (default: COMPTOIR_LOCALE, else LANG, else fr)')
  .action(async (options) => {
    const { demoCommand } = await import('./demo.ts');
    await demoCommand(options);
  });

program
  .command('verify')
  .description('recompute every balance from the ledger and list each difference (exit code 1 when any)')
  .action(async () => {
    const { verifyCommand } = await import('./verify.ts');
    process.exitCode = await verifyCommand();
  });

program.addCommand(tokenCommand());
program.addCommand(loyaltyCommand());
program.addCommand(remindersCommand());
program.addCommand(outboxCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());

translateUsageErrors(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliExit) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`${cliErrorLine(error, cliLocale())}\n`);
    process.exitCode = 1;
  }
}
