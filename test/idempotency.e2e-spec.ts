import { IdempotencyKeySweeper } from '../src/bookings/idempotency/idempotency-key-sweeper';
import { TestUser } from './support/factories';
import { bookTickets, cancelBooking, postBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

describe('Idempotent retries of POST /api/bookings/ (Idempotency-Key)', () => {
  let t: TestApp;
  let buyer: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  const keyRows = async (key: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]))[0].n as number;

  it('books exactly once for 20 parallel requests with the same key, and all 20 get the same body', async () => {
    const event = await t.make.event({ capacity: 50 });

    const responses = await Promise.all(Array.from({ length: 20 }, () => bookTickets(t, buyer, event.id, 2, 'storm-key')));

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const bodies = new Set(responses.map((response) => JSON.stringify(response.body)));
    expect(bodies.size).toBe(1); // byte for byte, field order included
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(new Set(responses.map((response) => response.headers.location)).size).toBe(1);
    expect(await t.make.bookingsOf(event.id)).toHaveLength(1);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 50, available: 48, confirmed: 2 });
  });

  it('replays a completed booking with Idempotent-Replayed: true, books and audits nothing more', async () => {
    const event = await t.make.event({ capacity: 10 });
    const first = await bookTickets(t, buyer, event.id, 1, 'retry-after-timeout');
    // The same request with its fields in another order.
    const retry = await postBooking(t, buyer, { number_of_tickets: 1, event_id: event.id }, 'retry-after-timeout');

    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 9, confirmed: 1 });
    const audits = await t.dataSource.query(`SELECT id FROM audit_entries WHERE event_id = $1`, [event.id]);
    expect(audits).toHaveLength(1);
  });

  it('answers 422 for the same key with a different body, and books nothing', async () => {
    const event = await t.make.event({ capacity: 10 });
    await bookTickets(t, buyer, event.id, 1, 'reused-key');

    const different = await bookTickets(t, buyer, event.id, 2, 'reused-key');

    expect(different.status).toBe(422);
    expect(different.body).toEqual({ error: 'Idempotency key reused with a different request' });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 9, confirmed: 1 });
  });

  it('keys by user: another user’s request with the same key is a request of its own', async () => {
    const event = await t.make.event({ capacity: 10 });
    const other = await t.make.user();
    const mine = await bookTickets(t, buyer, event.id, 1, 'shared-key');
    const theirs = await bookTickets(t, other, event.id, 1, 'shared-key');

    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.booking_id).not.toBe(mine.body.booking_id);
    expect(theirs.body.user_id).toBe(other.user.id);
  });

  it('remembers no rejected request: a retry after a 409 is processed anew', async () => {
    const event = await t.make.event({ capacity: 2 });
    const blocker = await bookTickets(t, buyer, event.id, 2);
    const short = await bookTickets(t, buyer, event.id, 1, 'short-key');
    expect(short.status).toBe(409);
    expect(await keyRows('short-key')).toBe(0);

    await cancelBooking(t, buyer, blocker.body.booking_id);
    const retry = await bookTickets(t, buyer, event.id, 1, 'short-key');

    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('ignores a key older than 24 hours, and the sweeper deletes expired keys', async () => {
    const event = await t.make.event({ capacity: 10 });
    const first = await bookTickets(t, buyer, event.id, 1, 'old-key');
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);

    const again = await bookTickets(t, buyer, event.id, 1, 'old-key');

    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.booking_id).not.toBe(first.body.booking_id);
    await t.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
    expect(await t.app.get(IdempotencyKeySweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await keyRows('old-key')).toBe(0);
    expect(await keyRows('reused-key')).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'bad\tkey'],
  ])('answers 400 for a key that is %s, and books nothing', async (_, key) => {
    const event = await t.make.event({ capacity: 10 });
    const response = await bookTickets(t, buyer, event.id, 1, key);
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveProperty(['Idempotency-Key']);
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });
});
