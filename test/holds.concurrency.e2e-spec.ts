import { SeatInventory } from '../src/inventory';
import { OverdueHoldSweeper } from '../src/inventory/overdue-hold-sweeper';
import { startConfiguredApp } from './support/configured-app';
import type { TestUser } from './support/factories';
import { balanced, confirmHold, heldLedger, postHold } from './support/holds';
import type { TestApp } from './support/test-app';
import { withoutRowLock } from './support/without-row-lock';

/**
 * The line in front of the database is opened wide, so every request is its own transaction and
 * they race for the event's row lock: what keeps the books here is PostgreSQL's lock, not the line.
 * The sweepers' own timers are slowed right down: each test sweeps when it means to.
 */
const RACING = { BOOKING_CONCURRENCY_PER_EVENT: '200', DB_POOL_SIZE: '40', HOLD_SWEEP_SECONDS: '3600' };

const countOf = (statuses: number[], status: number) => statuses.filter((candidate) => candidate === status).length;

function holdConcurrently(t: TestApp, users: TestUser[], eventId: string) {
  return Promise.all(users.map((user) => postHold(t, user, { event_id: eventId, number_of_tickets: 1 })));
}

describe('Holds under concurrency (the event row lock)', () => {
  let t: TestApp;
  let other: TestApp;
  let users: TestUser[];

  beforeAll(async () => {
    t = await startConfiguredApp(RACING);
    other = await startConfiguredApp(RACING);
    users = await Promise.all(Array.from({ length: 120 }, () => t.make.user()));
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('holds exactly 20 of 120 parallel one-seat holds on 20 seats and refuses the rest with 409', async () => {
    const event = await t.make.event({ capacity: 20 });

    const statuses = (await holdConcurrently(t, users, event.id)).map((response) => response.status);

    expect(countOf(statuses, 201)).toBe(20);
    expect(countOf(statuses, 409)).toBe(100);
    expect((await t.http.get(`/api/events/${event.id}/availability/`)).body.available_tickets).toBe(0);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 20, available: 0, confirmed: 0, held: 20 });
  });

  it('lets one of two racing confirmations of a hold book, and answers the other 409', async () => {
    const event = await t.make.event({ capacity: 5 });
    const [holder] = users;
    const held = await postHold(t, holder, { event_id: event.id, number_of_tickets: 2 });

    const responses = await Promise.all([confirmHold(t, holder, held.body.hold_id), confirmHold(other, holder, held.body.hold_id)]);

    expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(await t.make.bookingsOf(event.id)).toHaveLength(1);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 3, confirmed: 2, held: 0 });
  });

  it('ends each hold confirmed or expired, never both, when confirmations race two sweepers at the expiry instant', async () => {
    const event = await t.make.event({ capacity: 40 });
    const holders = users.slice(0, 30);
    const holds = await Promise.all(holders.map((user) => postHold(t, user, { event_id: event.id, number_of_tickets: 1 })));
    // All run out together, a moment from now; the confirmations and sweeps are sent to meet that moment.
    await t.dataSource.query(`UPDATE holds SET expires_at = now() + interval '150 milliseconds' WHERE event_id = $1`, [event.id]);
    await new Promise((resolve) => setTimeout(resolve, 140));

    const [confirmations] = await Promise.all([
      Promise.all(holders.map((user, index) => confirmHold(index % 2 ? other : t, user, holds[index].body.hold_id))),
      t.app.get(OverdueHoldSweeper).sweep(),
      other.app.get(OverdueHoldSweeper).sweep(),
    ]);
    await t.app.get(OverdueHoldSweeper).sweep();

    const rows: { status: string; booking_id: string | null; bookings: number }[] = await t.dataSource.query(
      `SELECT h.status, h.booking_id, (SELECT count(*)::int FROM bookings b WHERE b.user_id = h.user_id AND b.event_id = h.event_id) AS bookings
       FROM holds h WHERE h.event_id = $1`,
      [event.id],
    );
    for (const row of rows) {
      expect(['confirmed', 'expired']).toContain(row.status);
      expect(row.bookings).toBe(row.status === 'confirmed' ? 1 : 0);
    }
    const statuses = confirmations.map((response) => response.status);
    expect(countOf(statuses, 201)).toBe(rows.filter((row) => row.status === 'confirmed').length);
    expect(countOf(statuses, 201) + countOf(statuses, 410)).toBe(holders.length);
    const ledger = await heldLedger(t, event.id);
    expect(ledger).toMatchObject({ held: 0, confirmed: countOf(statuses, 201) });
    expect(balanced(ledger)).toBe(true);
  });

  it('returns each seat of 500 overdue holds once when two instances sweep at once', async () => {
    const events = await Promise.all(Array.from({ length: 5 }, () => t.make.event({ capacity: 150 })));
    // 100 overdue one-seat holds per event, written straight to the database with their seats taken.
    for (const event of events) {
      await t.dataSource.query(
        `INSERT INTO holds (event_id, user_id, number_of_tickets, status, source, total_amount, expires_at)
         SELECT $1, id, 1, 'active', 'direct', 25.00, now() - interval '1 second' FROM unnest($2::uuid[]) AS id`,
        [event.id, users.slice(0, 100).map((user) => user.user.id)],
      );
      await t.dataSource.query(`UPDATE events SET available_tickets = available_tickets - 100 WHERE id = $1`, [event.id]);
    }

    const swept = await Promise.all([t.app.get(OverdueHoldSweeper).sweep(), other.app.get(OverdueHoldSweeper).sweep()]);

    expect(swept[0] + swept[1]).toBe(500);
    for (const event of events) expect(await heldLedger(t, event.id)).toEqual({ capacity: 150, available: 150, confirmed: 0, held: 0 });
    const [{ expired }] = await t.dataSource.query(`SELECT count(*)::int AS expired FROM audit_entries WHERE action = 'hold.expired'`);
    expect(expired).toBeGreaterThanOrEqual(500);
  });
  it('makes exactly one offer per freed seat when two instances sweep over a waiting line', async () => {
    const event = await t.make.event({ capacity: 100 });
    await t.dataSource.query(
      `INSERT INTO holds (event_id, user_id, number_of_tickets, status, source, total_amount, expires_at)
       SELECT $1, id, 1, 'active', 'direct', 25.00, now() - interval '1 second' FROM unnest($2::uuid[]) AS id`,
      [event.id, users.slice(0, 100).map((user) => user.user.id)],
    );
    await t.dataSource.query(`UPDATE events SET available_tickets = 0 WHERE id = $1`, [event.id]);
    // 20 waiting entries of people who hold nothing on the event, one seat each, in join order.
    for (const user of users.slice(100, 120)) {
      await t.dataSource.query(
        `INSERT INTO waitlist_entries (event_id, user_id, number_of_tickets, status) VALUES ($1, $2, 1, 'waiting')`,
        [event.id, user.user.id],
      );
    }

    await Promise.all([t.app.get(OverdueHoldSweeper).sweep(), other.app.get(OverdueHoldSweeper).sweep()]);

    const entries: { status: string; offers: number }[] = await t.dataSource.query(
      `SELECT e.status, (SELECT count(*)::int FROM holds h WHERE h.user_id = e.user_id AND h.event_id = e.event_id) AS offers
       FROM waitlist_entries e WHERE e.event_id = $1`,
      [event.id],
    );
    expect(entries).toEqual(Array.from({ length: 20 }, () => ({ status: 'offered', offers: 1 })));
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 100, available: 80, confirmed: 0, held: 20 });
  });

  it('keeps confirmed + held + available = capacity through a bounded mixed storm, every entry in a final state or waiting', async () => {
    const events = await Promise.all([t.make.event({ capacity: 12 }), t.make.event({ capacity: 7 })]);
    const byStatus = (response: { status: number }) => response.status;
    const act = async (user: TestUser, index: number): Promise<number[]> => {
      const app = index % 2 ? other : t;
      const eventId = events[index % events.length].id;
      const answers: number[] = [];
      const held = await postHold(app, user, { event_id: eventId, number_of_tickets: 1 + (index % 2) });
      answers.push(held.status);
      if (held.status === 201 && index % 3 === 0) answers.push(byStatus(await confirmHold(app, user, held.body.hold_id)));
      if (held.status === 201 && index % 3 === 1)
        answers.push(byStatus(await app.http.delete(`/api/holds/${held.body.hold_id}/`).set('Authorization', user.auth)));
      const booked = await app.http
        .post('/api/bookings/')
        .set('Authorization', user.auth)
        .send({ event_id: eventId, number_of_tickets: 1 });
      answers.push(booked.status);
      if (booked.status === 201 && index % 4 === 0)
        answers.push(byStatus(await app.http.delete(`/api/bookings/${booked.body.booking_id}/`).set('Authorization', user.auth)));
      if (booked.status === 409) {
        const joined = await app.http
          .post(`/api/events/${eventId}/waitlist/`)
          .set('Authorization', user.auth)
          .send({ number_of_tickets: 1 });
        answers.push(joined.status);
        if (joined.status === 201 && index % 5 === 0)
          answers.push(byStatus(await app.http.delete(`/api/waitlist/${joined.body.entry_id}/`).set('Authorization', user.auth)));
      }
      return answers;
    };
    // The clock, sped up: while the storm runs, some active holds run out and both instances sweep.
    // Holds are changed in a seat transaction of the event, taking the locks in the order every path takes them.
    const runOutSome = (eventId: string) =>
      t.app.get(SeatInventory).transaction(eventId, async (seats) => {
        await seats.lockEvent();
        await seats.manager.query(`UPDATE holds SET expires_at = now() WHERE event_id = $1 AND status = 'active' AND random() < 0.3`, [
          eventId,
        ]);
      });
    let storming = true;
    const clock = (async () => {
      while (storming) {
        await Promise.all(events.map((event) => runOutSome(event.id)));
        await Promise.all([t.app.get(OverdueHoldSweeper).sweep(), other.app.get(OverdueHoldSweeper).sweep()]);
      }
    })();

    const answers = (await Promise.all(users.slice(0, 80).map(act)).finally(() => (storming = false))).flat();
    await clock;

    expect(answers.filter((status) => ![200, 201, 409, 410].includes(status))).toEqual([]);
    for (const event of events) {
      const ledger = await heldLedger(t, event.id);
      expect(ledger.available).toBeGreaterThanOrEqual(0);
      expect(balanced(ledger)).toBe(true);
    }
    const offeredWithoutHold: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM waitlist_entries e LEFT JOIN holds h ON h.id = e.hold_id
       WHERE e.status = 'offered' AND (h.status IS DISTINCT FROM 'active')`,
    );
    expect(offeredWithoutHold[0].count).toBe(0);
  });
});

describe('Negative control: the same holds without the lock', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startConfiguredApp(RACING, withoutRowLock);
    // The CHECK on events is the database's last line: without the lock it turns the oversell into
    // errors. It is taken away too, to show what the lock alone prevents, and put back afterwards.
    await t.dataSource.query(`ALTER TABLE events DROP CONSTRAINT events_available_within_capacity`);
  });
  afterAll(async () => {
    await t.dataSource.query(`DELETE FROM waitlist_entries`);
    await t.dataSource.query(`DELETE FROM holds`);
    await t.dataSource.query(`UPDATE events SET available_tickets = capacity`);
    await t.dataSource.query(
      `ALTER TABLE events ADD CONSTRAINT events_available_within_capacity CHECK (available_tickets >= 0 AND available_tickets <= capacity)`,
    );
    await t.close();
  });

  it('holds more seats than the event has, proving the test above can fail', async () => {
    const users = await Promise.all(Array.from({ length: 60 }, () => t.make.user()));
    const event = await t.make.event({ capacity: 20 });

    const statuses = (await holdConcurrently(t, users, event.id)).map((response) => response.status);

    const ledger = await heldLedger(t, event.id);
    expect(countOf(statuses, 201)).toBeGreaterThan(20);
    expect(ledger.held).toBeGreaterThan(ledger.capacity);
  });
});
