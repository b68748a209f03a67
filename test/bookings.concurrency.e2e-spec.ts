import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { AppProcess, startAppProcess } from './support/second-process';
import type { TestApp } from './support/test-app';
import { withClient } from './support/test-cluster';
import { withoutRowLock } from './support/without-row-lock';

/**
 * Nothing in front of the database may keep these storms right but its row lock: the per-event
 * line in each process lets 500 transactions in at once (every request takes its own), and the
 * requests are spread over two app processes on one database, whose in-process lines know nothing
 * of each other.
 */
const SETTINGS = { BOOKING_CONCURRENCY_PER_EVENT: '500', BOOKING_QUEUE_PER_EVENT: '100000' };
// The second process compiles the app with ts-node as it starts: seconds alone, minutes on a loaded machine.
const STARTUP_TIMEOUT_MS = 240_000;

/** Two processes serving one database; request `index` goes to one or the other in turn. */
interface TwoProcesses {
  via(index: number): TestApp['http'];
  t: TestApp;
  close(): Promise<void>;
}

/** Both started at once; if either fails, the other is closed again, so nothing is left open. */
async function startTwoProcesses(variant?: typeof withoutRowLock, args: string[] = []): Promise<TwoProcesses> {
  const t = startConfiguredApp(SETTINGS, variant);
  const otherProcess = startAppProcess(args);
  const [inThisProcess, inAnother] = await Promise.allSettled([t, otherProcess]);
  if (inThisProcess.status === 'rejected' || inAnother.status === 'rejected') {
    if (inThisProcess.status === 'fulfilled') await inThisProcess.value.close();
    if (inAnother.status === 'fulfilled') await inAnother.value.close();
    throw inThisProcess.status === 'rejected' ? inThisProcess.reason : (inAnother as PromiseRejectedResult).reason;
  }
  return twoProcesses(inThisProcess.value, inAnother.value);
}

function twoProcesses(t: TestApp, other: AppProcess): TwoProcesses {
  return {
    t,
    via: (index) => (index % 2 ? other.http : t.http),
    close: async () => {
      await other.close();
      await t.close();
    },
  };
}

function bookConcurrently(apps: TwoProcesses, users: TestUser[], eventId: string) {
  return Promise.all(
    users.map((buyer, index) =>
      apps.via(index).post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: eventId, number_of_tickets: 1 }),
    ),
  );
}

function countOf(statuses: number[], status: number): number {
  return statuses.filter((candidate) => candidate === status).length;
}

// The CHECK that keeps available_tickets within [0, capacity] is a second line behind the lock:
// without the lock it turns an oversell into 500s. This file's database drops it, so the storms
// stand or fall by the lock alone, and the negative control shows the oversell itself.
beforeAll(async () => {
  await withClient(process.env.DATABASE_URL!, (client) =>
    client.query('ALTER TABLE events DROP CONSTRAINT events_available_within_capacity'),
  );
});

describe('Bookings under concurrency, two app processes on one database (the event row lock)', () => {
  let apps: TwoProcesses;
  let buyers: TestUser[];

  beforeAll(async () => {
    apps = await startTwoProcesses();
    buyers = await Promise.all(Array.from({ length: 120 }, () => apps.t.make.user()));
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => apps?.close());

  it('sells exactly 20 of 120 parallel one-ticket requests for a 20-seat event and rejects the rest with 409', async () => {
    const { t } = apps;
    const event = await t.make.event({ capacity: 20 });

    const responses = await bookConcurrently(apps, buyers, event.id);

    const statuses = responses.map((response) => response.status);
    expect(countOf(statuses, 201)).toBe(20);
    expect(countOf(statuses, 409)).toBe(100);
    const refused = responses.filter((response) => response.status === 409).map((response) => response.headers['x-request-id']);
    const records: { request_id: string }[] = await t.dataSource.query(
      `SELECT request_id FROM booking_rejections WHERE event_id = $1 AND reason = 'insufficient_tickets'`,
      [event.id],
    );
    expect(records.map((record) => record.request_id).sort()).toEqual(refused.sort());
    const availability = await t.http.get(`/api/events/${event.id}/availability/`);
    expect(availability.body.available_tickets).toBe(0);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 20, available: 0, confirmed: 20 });
  });

  it('lets exactly one of 10 racing cancellations of a booking succeed', async () => {
    const { t } = apps;
    const event = await t.make.event({ capacity: 5 });
    const [owner] = buyers;
    const booked = await t.http.post('/api/bookings/').set('Authorization', owner.auth).send({ event_id: event.id, number_of_tickets: 3 });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        apps.via(index).delete(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', owner.auth),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(countOf(statuses, 200)).toBe(1);
    expect(countOf(statuses, 400)).toBe(9);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0 });
  });

  it('keeps confirmed + available = capacity, never below 0, through a mixed storm of bookings and cancellations', async () => {
    const { t } = apps;
    const event = await t.make.event({ capacity: 30 });
    const early = await bookConcurrently(apps, buyers.slice(0, 20), event.id);

    const storm = await Promise.all([
      ...early.map((booking, index) =>
        apps.via(index).delete(`/api/bookings/${booking.body.booking_id}/`).set('Authorization', buyers[index].auth),
      ),
      ...buyers.slice(20, 100).map((buyer, index) =>
        apps
          .via(index)
          .post('/api/bookings/')
          .set('Authorization', buyer.auth)
          .send({ event_id: event.id, number_of_tickets: 1 + (index % 3) }),
      ),
    ]);

    expect(storm.every((response) => [200, 201, 409].includes(response.status))).toBe(true);
    const ledger = await t.make.ledger(event.id);
    expect(ledger.available).toBeGreaterThanOrEqual(0);
    expect(ledger.confirmed + ledger.available).toBe(ledger.capacity);
  });
});

describe('Negative control: the same storm, the real code minus FOR UPDATE', () => {
  let apps: TwoProcesses;

  beforeAll(async () => {
    apps = await startTwoProcesses(withoutRowLock, ['--without-row-lock']);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => apps?.close());

  it('oversells, proving the storm above can fail', async () => {
    const { t } = apps;
    const buyers = await Promise.all(Array.from({ length: 60 }, () => t.make.user()));
    const event = await t.make.event({ capacity: 20 });

    const statuses = (await bookConcurrently(apps, buyers, event.id)).map((response) => response.status);

    const ledger = await t.make.ledger(event.id);
    expect(countOf(statuses, 201)).toBeGreaterThan(20);
    expect(ledger.confirmed).toBeGreaterThan(ledger.capacity);
    expect(ledger.available).toBeLessThan(0);
  });
});
