import { EventEmitter } from 'node:events';

import { toErrorResponse } from '../src/common/errors/error-table';
import { Transactions } from '../src/database/transactions';
import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { holdEventLock, holdInTransaction } from './support/held-transaction';
import { bookTickets, cancelBooking } from './support/requests';
import type { TestApp } from './support/test-app';

// Short waits keep the test quick.
const SETTINGS = { LOCK_TIMEOUT_MS: '300', STATEMENT_TIMEOUT_MS: '1000' };

describe('Bounded waiting: lock_timeout and statement_timeout on every transaction', () => {
  let t: TestApp;
  let buyer: TestUser;

  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  it('answers a booking that cannot succeed from an unlocked read, without waiting for the locked event', async () => {
    const soldOut = await t.make.event({ capacity: 2, availableTickets: 0 });
    const held = await holdEventLock(soldOut.id);
    try {
      const short = await bookTickets(t, buyer, soldOut.id, 1);
      expect(short.status).toBe(409);
      expect(short.body).toEqual({ error: 'Insufficient tickets', available_tickets: 0, requested_tickets: 1 });
      // A retry under an idempotency key may be owed an earlier booking's answer, so it waits its turn.
      expect((await bookTickets(t, buyer, soldOut.id, 1, 'retry-after-timeout')).status).toBe(503);
    } finally {
      await held.release();
    }
  });

  it('answers 503 with Retry-After when the event row stays locked past the lock timeout, and changes nothing', async () => {
    const event = await t.make.event({ capacity: 5 });
    const booked = await bookTickets(t, buyer, event.id, 1);
    const held = await holdEventLock(event.id);
    try {
      const booking = await bookTickets(t, buyer, event.id, 1);
      const cancellation = await cancelBooking(t, buyer, booked.body.booking_id);

      for (const response of [booking, cancellation]) {
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ error: 'Service temporarily unavailable, please retry' });
        expect(response.headers['retry-after']).toBe('1');
      }
    } finally {
      await held.release();
    }
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 5, available: 4, confirmed: 1 });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(1);
    const audits = await t.dataSource.query('SELECT action FROM audit_entries WHERE event_id = $1', [event.id]);
    expect(audits).toEqual([{ action: 'booking.created' }]);
    expect((await bookTickets(t, buyer, event.id, 1)).status).toBe(201);
  });

  it('ends a statement that runs past STATEMENT_TIMEOUT_MS, which the API answers as 503', async () => {
    const transactions = t.app.get(Transactions);
    const [{ statement_timeout }] = await transactions.run((manager) => manager.query('SHOW statement_timeout'));
    expect(statement_timeout).toBe('1s');

    const slow = await transactions.run((manager) => manager.query('SELECT pg_sleep(5)')).catch((error: unknown) => error);

    expect(toErrorResponse(slow, 'test')).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, unexpected: false });
  });

  it('answers a connection lost mid-transaction with 503 (the original error, not the failed rollback’s)', async () => {
    const lost = await t.app
      .get(Transactions)
      .run(async (manager) => {
        await manager.query('SELECT 1');
        // What pg does when the server goes away between two statements; TypeORM then releases the runner.
        const connection = (manager.queryRunner as unknown as { databaseConnection: EventEmitter }).databaseConnection;
        connection.emit('error', new Error('Connection terminated unexpectedly'));
        await manager.query('SELECT 1');
      })
      .catch((error: unknown) => error);

    expect(toErrorResponse(lost, 'test')).toMatchObject({ status: 503, unexpected: false });
    expect((await t.http.get('/api/health/')).status).toBe(200);
  });

  it('answers 409 "in progress" when the first request with the key still runs after the lock timeout, and books nothing', async () => {
    const event = await t.make.event({ capacity: 5 });
    const first = await holdInTransaction(`INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, 'slow-key', $2)`, [
      buyer.user.id,
      '0'.repeat(64),
    ]);
    try {
      const retry = await bookTickets(t, buyer, event.id, 1, 'slow-key');
      expect(retry.status).toBe(409);
      expect(retry.body).toEqual({ error: 'Request with this idempotency key is in progress' });
    } finally {
      await first.release();
    }
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
    expect((await bookTickets(t, buyer, event.id, 1, 'slow-key')).status).toBe(201);
  });
});
