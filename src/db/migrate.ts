/**
 * Runs the one migration set on either engine. On PostgreSQL a session
 * advisory lock is held for the whole run, so instances that start together
 * migrate once: the others wait, then find nothing left to do.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Db, Engine } from './database.ts';
import { core } from './migrations/0001_core.ts';
import { contactPhoneDigits } from './migrations/0002_contact_phone_digits.ts';
import { ledger } from './migrations/0002_ledger.ts';
import { contactSearch } from './migrations/0004_contact_search.ts';
import { pricingLoyalty } from './migrations/0006_pricing_loyalty.ts';
import { imports } from './migrations/0007_imports.ts';
import { contactDuplicates } from './migrations/0008_contact_duplicates.ts';
import { messages } from './migrations/0009_messages.ts';
import { contactSearchTuning } from './migrations/0010_contact_search_tuning.ts';
import { messageRolePermissions } from './migrations/0011_message_role_permissions.ts';
import { idempotencyCreatedIndex } from './migrations/0012_idempotency_created_index.ts';
import { netOldAccounts } from './migrations/0013_net_old_accounts.ts';
import { importedSales } from './migrations/0014_imported_sales.ts';
import { contactWords } from './migrations/0015_contact_words.ts';
import { importRuns } from './migrations/0016_import_runs.ts';
import { cashierSeesCustomers } from './migrations/0017_cashier_sees_customers.ts';
import { taxIncludedPrices } from './migrations/0018_tax_included_prices.ts';
import { oneRunningImport } from './migrations/0019_one_running_import.ts';
import { sortWithoutTitle } from './migrations/0020_sort_without_title.ts';
import { importContacts } from './migrations/0021_import_contacts.ts';
import { contactReferenceIndexes } from './migrations/0022_contact_reference_indexes.ts';
import { joinedElidedWords } from './migrations/0023_joined_elided_words.ts';
import { cardSpaces } from './migrations/0024_card_spaces.ts';
import { duplicateNameWritings } from './migrations/0025_duplicate_name_writings.ts';
import { rareFlagIndexes } from './migrations/0026_rare_flag_indexes.ts';
import { earliestOpenDue } from './migrations/0027_earliest_open_due.ts';
import { searchEveryScript } from './migrations/0028_search_every_script.ts';
import { shallowSortTriggers } from './migrations/0029_shallow_sort_triggers.ts';
import { payableByBalance } from './migrations/0030_payable_by_balance.ts';
import { viewNameKeys } from './migrations/0031_view_name_keys.ts';
import { emptyCustomFieldFilters } from './migrations/0032_empty_custom_field_filters.ts';
import { emptyIdFilters } from './migrations/0033_empty_id_filters.ts';
import { balancePagePartIndexes } from './migrations/0034_balance_page_parts.ts';
import { apostropheSort } from './migrations/0035_apostrophe_sort.ts';
import { cardStarts } from './migrations/0036_card_starts.ts';
import { typeBalancePages } from './migrations/0037_type_balance_pages.ts';
import { noSaleTotals } from './migrations/0038_no_sale_totals.ts';
import { cardStartKeys } from './migrations/0039_card_start_keys.ts';
import { deferredContactFigures } from './migrations/0040_deferred_contact_figures.ts';
import { modifierApostrophe } from './migrations/0041_modifier_apostrophe.ts';
import { contactWordChecks } from './migrations/0042_contact_word_checks.ts';
import { joinedElidedOtherWords } from './migrations/0043_joined_elided_other_words.ts';
import { notesWithoutAuthor } from './migrations/0044_notes_without_author.ts';
import { supplierCustomerFields } from './migrations/0045_supplier_customer_fields.ts';
import { joinedCardWords } from './migrations/0046_joined_card_words.ts';
import { voidedLastSale } from './migrations/0047_voided_last_sale.ts';
import { contactVersions } from './migrations/0048_contact_versions.ts';

/** Every migration in order; a new one is appended with the next number. */
export function migrationList(engine: Engine): Record<string, Migration> {
  return {
    '0001_core': core(engine),
    '0002_contact_phone_digits': contactPhoneDigits(),
    '0002_ledger': ledger(engine),
    '0004_contact_search': contactSearch(engine),
    '0006_pricing_loyalty': pricingLoyalty(engine),
    '0007_imports': imports(engine),
    '0008_contact_duplicates': contactDuplicates(engine),
    '0009_messages': messages(engine),
    '0010_contact_search_tuning': contactSearchTuning(engine),
    '0011_message_role_permissions': messageRolePermissions(),
    '0012_idempotency_created_index': idempotencyCreatedIndex(),
    '0013_net_old_accounts': netOldAccounts(),
    '0014_imported_sales': importedSales(),
    '0015_contact_words': contactWords(engine),
    '0016_import_runs': importRuns(),
    '0017_cashier_sees_customers': cashierSeesCustomers(),
    '0018_tax_included_prices': taxIncludedPrices(),
    '0019_one_running_import': oneRunningImport(engine),
    '0020_sort_without_title': sortWithoutTitle(engine),
    '0021_import_contacts': importContacts(),
    '0022_contact_reference_indexes': contactReferenceIndexes(),
    '0023_joined_elided_words': joinedElidedWords(engine),
    '0024_card_spaces': cardSpaces(engine),
    '0025_duplicate_name_writings': duplicateNameWritings(engine),
    '0026_rare_flag_indexes': rareFlagIndexes(engine),
    '0027_earliest_open_due': earliestOpenDue(engine),
    '0028_search_every_script': searchEveryScript(engine),
    '0029_shallow_sort_triggers': shallowSortTriggers(engine),
    '0030_payable_by_balance': payableByBalance(engine),
    '0031_view_name_keys': viewNameKeys(),
    '0032_empty_custom_field_filters': emptyCustomFieldFilters(),
    '0033_empty_id_filters': emptyIdFilters(),
    '0034_balance_page_parts': balancePagePartIndexes(engine),
    '0035_apostrophe_sort': apostropheSort(engine),
    '0036_card_starts': cardStarts(engine),
    '0037_type_balance_pages': typeBalancePages(engine),
    '0038_no_sale_totals': noSaleTotals(engine),
    '0039_card_start_keys': cardStartKeys(engine),
    '0040_deferred_contact_figures': deferredContactFigures(engine),
    '0041_modifier_apostrophe': modifierApostrophe(engine),
    '0042_contact_word_checks': contactWordChecks(engine),
    '0043_joined_elided_other_words': joinedElidedOtherWords(engine),
    '0044_notes_without_author': notesWithoutAuthor(engine),
    '0045_supplier_customer_fields': supplierCustomerFields(),
    '0046_joined_card_words': joinedCardWords(engine),
    '0047_voided_last_sale': voidedLastSale(),
    '0048_contact_versions': contactVersions(),
  };
}

// PostgreSQL scopes advisory locks to the current database, so the database
// name in the key is redundant but harmless.
const LOCK_KEY = 4_242_001;

export async function migrate(db: Db): Promise<string[]> {
  const run = async (kysely: Kysely<any>) => {
    const migrator = new Migrator({
      db: kysely,
      provider: { getMigrations: async () => migrationList(db.engine) },
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };

  if (db.engine === 'sqlite') return run(db.kysely);

  return db.kysely.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${LOCK_KEY}, hashtext(current_database()))`.execute(connection);
    try {
      return await run(connection);
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY}, hashtext(current_database()))`.execute(connection);
    }
  });
}
