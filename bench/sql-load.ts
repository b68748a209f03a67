// A load generator child (see child-process.ts): the booking transaction sent straight to
// PostgreSQL with pg, one connection per client, with no HTTP or framework in between.
import { Client } from 'pg';

import { serveOnce } from './child-process';
import { LoadResult } from './load-result';
import { percentile } from './percentile';

export interface SqlLoad {
  scenario: string;
  databaseUrl: string;
  eventId: string;
  userIds: string[];
  clients: number;
  seconds: number;
}

/**
 * The plain booking transaction, one statement per step as a direct implementation sends it: lock
 * the event row, decrement, insert the booking and its audit entry, commit. The API does the same
 * work (BookingsService.bookTickets) in fewer statements; this is the ceiling it is measured against.
 */
async function bookOneTicket(client: Client, eventId: string, userId: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL lock_timeout = 5000');
    await client.query('SELECT * FROM events WHERE id = $1 FOR UPDATE', [eventId]);
    await client.query('UPDATE events SET available_tickets = available_tickets - 1, updated_at = now() WHERE id = $1', [eventId]);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount)
       SELECT $1, e.id, 1, 'confirmed', e.price FROM events e WHERE e.id = $2 RETURNING id, total_amount, created_at`,
      [userId, eventId],
    );
    await client.query(`INSERT INTO audit_entries (action, actor_id, booking_id, event_id) VALUES ('booking.created', $1, $2, $3)`, [
      userId,
      rows[0].id,
      eventId,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

serveOnce<SqlLoad, LoadResult>(async (load) => {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + load.seconds * 1000;
  const worker = async (index: number) => {
    const client = new Client({ connectionString: load.databaseUrl });
    await client.connect();
    for (let turn = index; Date.now() < deadline; turn += load.clients) {
      const started = performance.now();
      try {
        await bookOneTicket(client, load.eventId, load.userIds[turn % load.userIds.length]);
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
    await client.end();
  };
  await Promise.all(Array.from({ length: load.clients }, (_, index) => worker(index)));
  return {
    scenario: load.scenario,
    clients: load.clients,
    seconds: load.seconds,
    requests: latencies.length + errors,
    perSecond: latencies.length / load.seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    statuses: {},
  };
});
