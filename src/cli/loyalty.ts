/**
 * `comptoir loyalty expire [--today YYYY-MM-DD]`: records the expiry of every
 * lot whose date has come, in each business's time zone (or on the given
 * date), and prints what it did. Running it twice on a day changes nothing
 * the second time.
 */
import { Command } from 'commander';
import { openDatabase } from '../db/database.ts';
import { isIsoDate } from '../ledger/dates.ts';
import { loadConfig } from '../server/config.ts';
import { CliError } from './cli-error.ts';
import { counted } from './counted.ts';

async function expireCommand(options: { today?: string }): Promise<number> {
  if (options.today !== undefined && !isIsoDate(options.today)) {
    throw new CliError('cli_date_option', { option: '--today', value: options.today });
  }
  const { expireLoyaltyPoints } = await import('../loyalty/expire-points.ts');
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    const run = await expireLoyaltyPoints(db, { today: options.today });
    console.log(`expired ${counted(run.points, 'point')} of ${counted(run.contacts, 'contact')} in ${counted(run.businesses, 'business', 'businesses')}`);
    return 0;
  } finally {
    await db.close();
  }
}

export function loyaltyCommand(): Command {
  const loyalty = new Command('loyalty').description('loyalty points maintenance');
  loyalty
    .command('expire')
    .description('expire the points whose date has come (the server also does it every hour)')
    .option('--today <date>', 'the date to expire on, YYYY-MM-DD, instead of each business’s today')
    .action(async (options: { today?: string }) => {
      process.exitCode = await expireCommand(options);
    });
  return loyalty;
}
