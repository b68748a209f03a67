import { DataSource } from 'typeorm';

// Every table but booking_rejections, whose job is to record refused booking requests.
const TABLES = ['users', 'auth_tokens', 'events', 'bookings', 'audit_entries', 'idempotency_keys', 'http_sessions'];

/** One hash of every row of every table: equal before and after means the request changed nothing. */
export async function databaseFingerprint(dataSource: DataSource): Promise<string> {
  const parts = TABLES.map((table) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t)`);
  const [{ fingerprint }] = await dataSource.query(`SELECT ${parts.join(" || ':' || ")} AS fingerprint`);
  return fingerprint;
}
