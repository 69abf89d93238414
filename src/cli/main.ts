/** The `comptoir` command. */
import { Command } from 'commander';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/start.ts';
import { tokenCommand } from './token-create.ts';

const program = new Command();
program
  .name('comptoir')
  .description('Customers, suppliers, ledgers and loyalty for small shops')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the web app and the API (PORT, HOST, DATABASE_URL)')
  .action(async () => {
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

program.addCommand(tokenCommand());

await program.parseAsync(process.argv);
