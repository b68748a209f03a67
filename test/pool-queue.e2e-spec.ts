import request from 'supertest';

import { startConfiguredApp } from './support/configured-app';
import { holdEventLock } from './support/held-transaction';
import { bookTickets } from './support/requests';
import type { TestApp } from './support/test-app';

// Two connections and room for one waiter; a lock wait far longer than the test, so any answer
// that arrives while the lock is held was refused by the pool, not timed out.
const SETTINGS = { DB_POOL_SIZE: '2', DB_POOL_QUEUE_LIMIT: '1', LOCK_TIMEOUT_MS: '30000' };

describe('Connection pool with a bounded queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
  });
  afterAll(() => t.close());

  it('refuses requests past the queue at once with 503, while the ones holding or awaiting a connection go through', async () => {
    const buyers = [];
    for (let index = 0; index < 6; index++) buyers.push(await t.make.user()); // one at a time: the factories share the small pool
    const event = await t.make.event({ capacity: 10 });
    const held = await holdEventLock(event.id);
    const answered: request.Response[] = [];
    const all = buyers.map((buyer) => bookTickets(t, buyer, event.id, 1).then((response) => (answered.push(response), response)));

    // Two requests hold both connections waiting for the lock, one waits for a connection: the other three must be answered now.
    while (answered.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    const whileLocked = answered.map((response) => response.status);
    await held.release();
    const statuses = (await Promise.all(all)).map((response) => response.status);

    expect(whileLocked).toEqual([503, 503, 503]);
    expect(answered.slice(0, 3).every((response) => response.headers['retry-after'] === '1')).toBe(true);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 7, confirmed: 3 });
  });
});
