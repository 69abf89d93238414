/**
 * Named prepared statements on PostgreSQL for the SQL texts that query
 * templates and `executeNamed` compile. pg sends an unnamed statement with every query, so the
 * server parses and plans it each time. A named one is parsed once per
 * connection, and after a few runs the server may keep a generic plan for it.
 *
 * A named statement keeps the result columns it was prepared with, and
 * PostgreSQL rejects running it once a migration changes them. So templates
 * name their columns instead of selecting `*` from a table: an instance of
 * the previous version keeps working while a newer one adds columns.
 */
import type pg from 'pg';

/**
 * Statement names handed out in this process. Each connection prepares at
 * most this many, the rest run unnamed.
 */
const MAX_NAMED_STATEMENTS = 500;

const names = new Map<string, string>();

/** Gives `sql` a statement name, so that every connection prepares it once. */
export function namePreparedStatement(sql: string): void {
  if (names.has(sql) || names.size >= MAX_NAMED_STATEMENTS) return;
  names.set(sql, `comptoir_${names.size + 1}`);
}

/** Returns the statement name of `sql`, or undefined when it runs unnamed. */
export function preparedStatementName(sql: string): string | undefined {
  return names.get(sql);
}

type QueryMethod = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes `client` run the SQL texts that have a name as named statements.
 * Kysely calls `query(text, values)`, and every other form of call passes
 * through unchanged.
 */
export function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query as unknown as QueryMethod;
  const named: QueryMethod = function (this: pg.PoolClient, config, values, callback) {
    if (typeof config === 'string' && (values === undefined || Array.isArray(values))) {
      const name = names.get(config);
      if (name) return query.call(this, { name, text: config, values }, callback);
    }
    return query.call(this, config, values, callback);
  };
  (client as unknown as { query: QueryMethod }).query = named;
}
