import { Client } from 'pg';

import { generateTokenKey, hashTokenKey } from '../src/auth/token-keys';
import { applyPendingMigrations } from '../src/database/apply-migrations';
import { ensureEmbeddedPostgres } from '../src/database/embedded-postgres';
import { PasswordHasher } from '../src/users/password-hasher';
import { Ledger, ledgerOf } from '../test/support/ledger';
import { withClient } from '../test/support/test-cluster';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A throw-away database for one run: on the server of DATABASE_URL (a new database, dropped at
 * the end), or on an embedded PostgreSQL under .data/bench with the server's default durability.
 */
export async function provisionDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (!given) {
    const cluster = await ensureEmbeddedPostgres({ dataDir: '.data/bench', persistent: false, settings: { max_connections: '300' } });
    await applyPendingMigrations(cluster.url);
    return { url: cluster.url, drop: () => cluster.stop() };
  }
  const name = `evently_bench_${process.pid}`;
  await withClient(given, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(given);
  url.pathname = `/${name}`;
  await applyPendingMigrations(url.toString());
  const drop = async () => {
    await withClient(given, (client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
  };
  return { url: url.toString(), drop };
}

export interface BenchUser {
  id: string;
  token: string;
}

/** Users with API keys, written in two statements; all share one password hash. */
export async function createUsers(client: Client, count: number): Promise<BenchUser[]> {
  const passwordHash = await new PasswordHasher().hash('bench-password-1');
  const names = Array.from({ length: count }, (_, index) => `bench_${index}`);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO users (username, password_hash) SELECT unnest($1::text[]), $2 RETURNING id`,
    [names, passwordHash],
  );
  const users = rows.map((row) => ({ id: row.id, token: generateTokenKey() }));
  await client.query(`INSERT INTO auth_tokens (user_id, key_hash) SELECT unnest($1::uuid[]), unnest($2::text[])`, [
    users.map((user) => user.id),
    users.map((user) => hashTokenKey(user.token)),
  ]);
  return users;
}

/** A scheduled event a year away with `capacity - sold` seats left. */
export async function createEvent(client: Client, name: string, capacity: number, sold = 0): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO events (name, venue, starts_at, capacity, available_tickets, price)
     VALUES ($1, 'Bench Arena', now() + interval '1 year', $2, $3, 25.00) RETURNING id`,
    [name, capacity, capacity - sold],
  );
  return rows[0].id;
}

export interface HistoryPlan {
  eventId: string;
  total: number;
  heavyUserId: string;
  heavyUserBookings: number;
  otherUserIds: string[];
}

/**
 * `total` one-ticket bookings of an event whose seats were set aside for them (createEvent's
 * `sold`), a second apart: the heavy user's first, the rest spread over the other users.
 */
export async function insertHistory(client: Client, plan: HistoryPlan): Promise<void> {
  await client.query(
    `INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount, created_at)
     SELECT CASE WHEN g <= $3 THEN $4::uuid ELSE ($5::uuid[])[1 + g % cardinality($5::uuid[])] END,
            $1, 1, 'confirmed', 25.00, now() - g * interval '1 second'
     FROM generate_series(1, $2::integer) AS g`,
    [plan.eventId, plan.total, plan.heavyUserBookings, plan.heavyUserId, plan.otherUserIds],
  );
  await client.query('VACUUM ANALYZE bookings');
}

/** The event's ledger over a pg client. */
export function ledgerWith(client: Client, eventId: string): Promise<Ledger> {
  return ledgerOf(async (sql, parameters) => (await client.query<Ledger>(sql, parameters)).rows, eventId);
}

/**
 * The event's ledger with the seats its active holds take, read in one statement (one snapshot:
 * requests still running when a load ends may commit between two reads). The books balance when
 * confirmed + held + available = capacity.
 */
export async function heldLedgerWith(client: Client, eventId: string): Promise<Ledger & { held: number }> {
  const { rows } = await client.query<Ledger & { held: number }>(
    `SELECT e.capacity, e.available_tickets AS available,
            (SELECT COALESCE(sum(number_of_tickets), 0) FROM bookings WHERE event_id = e.id AND status = 'confirmed')::int AS confirmed,
            (SELECT COALESCE(sum(number_of_tickets), 0) FROM holds WHERE event_id = e.id AND status = 'active')::int AS held
     FROM events e WHERE e.id = $1`,
    [eventId],
  );
  return rows[0];
}
