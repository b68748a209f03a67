// What the backup drill compares: the books (every booking and hold with its status, every
// event's seats and status), and the traffic that changes them, through the real app.
import { Client } from 'pg';

import { Answer, Buyer, call, makeEvent, makeUsers, sleep, sql, storm, Target } from '../faults/harness';

export interface Books {
  bookings: string[];
  holds: string[];
  events: string[];
}

/** The books as rows of text, sorted, so two copies compare with one equality. */
export async function readBooks(url: string): Promise<Books> {
  const column = async (query: string) => (await sql<{ row: string }>(url, query)).map((row) => row.row);
  return {
    bookings: await column(`SELECT id || ' ' || status AS row FROM bookings ORDER BY id`),
    holds: await column(`SELECT id || ' ' || status AS row FROM holds ORDER BY id`),
    events: await column(`SELECT id || ' ' || status || ' ' || available_tickets AS row FROM events ORDER BY id`),
  };
}

export const sizeOf = (books: Books) => `${books.bookings.length} bookings, ${books.holds.length} holds, ${books.events.length} events`;

/** How two copies of the books differ, in one line; '' when they are equal. */
export function differences(expected: Books, actual: Books): string {
  return (['bookings', 'holds', 'events'] as const)
    .map((kind) => {
      const wanted = new Set(expected[kind]);
      const got = new Set(actual[kind]);
      const missing = expected[kind].filter((row) => !got.has(row)).length;
      const extra = actual[kind].filter((row) => !wanted.has(row)).length;
      return missing || extra ? `${kind}: ${missing} missing or changed, ${extra} extra` : '';
    })
    .filter(Boolean)
    .join('; ');
}

export interface Shop {
  app: Target;
  staff: Buyer;
  buyers: Buyer[];
  events: string[];
}

export async function openShop(app: Target, databaseUrl: string, prefix: string): Promise<Shop> {
  const { staff, buyers } = await makeUsers(app, databaseUrl, 8, prefix);
  const events = [];
  for (let index = 0; index < 4; index++) events.push(await makeEvent(app, staff, 5_000));
  return { app, staff, buyers, events };
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

export function book(shop: Shop, buyer: Buyer, eventId: string): Promise<Answer> {
  return call(shop.app, 'POST', '/api/bookings/', {
    headers: { authorization: buyer.auth },
    body: { event_id: eventId, number_of_tickets: 1 + Math.floor(Math.random() * 2) },
  });
}

/** Bookings, holds and cancellations of earlier bookings, mixed; resolves with the statuses answered. */
export async function mixedStorm(shop: Shop, count: number): Promise<number[]> {
  const booked: { id: string; buyer: Buyer }[] = [];
  const answers = await storm(count, 8, async (index) => {
    const buyer = pick(shop.buyers);
    if (index % 5 === 3 && booked.length) {
      const { id, buyer: owner } = booked.splice(Math.floor(Math.random() * booked.length), 1)[0];
      return call(shop.app, 'DELETE', `/api/bookings/${id}/`, { headers: { authorization: owner.auth } });
    }
    if (index % 5 === 4) {
      return call(shop.app, 'POST', '/api/holds/', {
        headers: { authorization: buyer.auth },
        body: { event_id: pick(shop.events), number_of_tickets: 1 },
      });
    }
    const answer = await book(shop, buyer, pick(shop.events));
    if (answer.status === 201) booked.push({ id: String(answer.body.booking_id), buyer });
    return answer;
  });
  return answers.map((answer) => answer.status);
}

/** The staff's mistake: an event cancelled with all its bookings. */
export async function cancelEvent(shop: Shop, eventId: string): Promise<number> {
  return (await call(shop.app, 'POST', `/api/events/${eventId}/cancel/`, { headers: { authorization: shop.staff.auth } })).status;
}

/**
 * Waits for the next whole second (plus a margin), with nothing written meanwhile, and returns
 * it: the instant T whose books the caller has just read. Restores to T must give exactly those.
 */
export async function quietWholeSecond(): Promise<Date> {
  const next = Math.ceil((Date.now() + 300) / 1000) * 1000;
  await sleep(next - Date.now() + 700);
  return new Date(next);
}

export interface AcknowledgedBooking {
  id: string;
  at: number;
}

/**
 * Bookings in a loop until `stop()` while, every 100 ms, the primary's flushed WAL position is
 * noted with how many bookings had been answered 201 before it was asked: each of those is in
 * the WAL before that position. After a crash, the samples say which bookings the archive must
 * hold.
 */
export function bookingsUntilStopped(shop: Shop, databaseUrl: string) {
  const acknowledged: AcknowledgedBooking[] = [];
  const samples: { lsn: string; acknowledged: number }[] = [];
  let running = true;
  const sampler = (async () => {
    const client = new Client({ connectionString: databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    while (running) {
      const before = acknowledged.length;
      try {
        samples.push({ lsn: (await client.query('SELECT pg_current_wal_flush_lsn() AS lsn')).rows[0].lsn, acknowledged: before });
      } catch {
        break; // the primary is gone
      }
      await sleep(100);
    }
    await client.end().catch(() => undefined);
  })();
  const workers = Array.from({ length: 4 }, async () => {
    while (running) {
      const answer = await book(shop, pick(shop.buyers), pick(shop.events));
      if (answer.status === 201) acknowledged.push({ id: String(answer.body.booking_id), at: Date.now() });
      if (answer.status === 0) await sleep(50);
    }
  });
  return {
    acknowledged,
    samples,
    stop: async () => {
      running = false;
      await Promise.all([sampler, ...workers]);
    },
  };
}
