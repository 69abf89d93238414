/**
 * Tells the errors of a database that cannot be reached or refuses
 * connections for now from every other error. The server responds to those
 * with 503, and a starting server tries again.
 */

// Node socket codes, then PostgreSQL SQLSTATE codes: 57P01 admin_shutdown,
// 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
// 08001 sqlclient_unable_to_establish_sqlconnection, 08004
// sqlserver_rejected_establishment_of_sqlconnection, 08006 connection_failure.
const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300', '08001', '08004', '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code && unavailableCodes.has(code)) return true;
  const message = (error as Error).message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(message);
}
