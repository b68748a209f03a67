import { OverdueHoldSweeper } from '../src/inventory/overdue-hold-sweeper';
import { TestUser } from './support/factories';
import { balanced, confirmHold, heldLedger, postHold, releaseHold, runOut } from './support/holds';
import { metricValue } from './support/metrics';
import { startTestApp, TestApp } from './support/test-app';
import { availableTickets, joinWaitlist } from './support/waitlist';

describe('Waiting list (contract 6)', () => {
  let t: TestApp;
  let staff: TestUser;
  let seller: TestUser;
  let line: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.make.staff();
    seller = await t.make.user();
    line = await Promise.all(Array.from({ length: 6 }, () => t.make.user()));
  });
  afterAll(() => t.close());

  const join = (eventId: string, who: TestUser, tickets: number) => joinWaitlist(t, eventId, who, tickets);
  const entryOf = async (entryId: string) => (await t.http.get(`/api/waitlist/${entryId}/`).set('Authorization', staff.auth)).body;
  const book = (eventId: string, tickets: number, who = seller) =>
    t.http.post('/api/bookings/').set('Authorization', who.auth).send({ event_id: eventId, number_of_tickets: tickets });
  const cancel = (bookingId: string, who = seller) => t.http.delete(`/api/bookings/${bookingId}/`).set('Authorization', who.auth);
  const available = (eventId: string) => availableTickets(t, eventId);

  const waitlistOutcomes = async () => {
    const outcomes = ['joined', 'offered', 'converted', 'declined', 'expired', 'left', 'cancelled'];
    const counts = await Promise.all(outcomes.map((outcome) => metricValue(t, `evently_waitlist_entries_total{outcome="${outcome}"}`)));
    return Object.fromEntries(outcomes.map((outcome, index) => [outcome, counts[index]]));
  };

  /** A sold-out event: `capacity` seats, one booking per entry of `bookings`. */
  async function soldOut(bookings: number[]) {
    const event = await t.make.event({ capacity: bookings.reduce((total, tickets) => total + tickets, 0) });
    const booked = [];
    for (const tickets of bookings) booked.push((await book(event.id, tickets)).body.booking_id as string);
    return { event, booked };
  }

  it('joins only when the request does not fit now, in line order, once per user', async () => {
    const { event } = await soldOut([2]);
    const roomy = await t.make.event({ capacity: 5 });

    expect((await join(roomy.id, line[0], 2)).body).toEqual({ error: 'Tickets are available', available_tickets: 5 });
    const first = await join(event.id, line[0], 1);
    const second = await join(event.id, line[1], 2);

    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      entry_id: expect.any(String),
      event_id: event.id,
      user_id: line[0].user.id,
      number_of_tickets: 1,
      status: 'waiting',
      position: 1,
      joined_at: expect.any(String),
      hold: null,
    });
    expect(second.body.position).toBe(2);
    expect((await join(event.id, line[0], 1)).body).toEqual({ error: 'Already on the waiting list', entry_id: first.body.entry_id });
    expect((await t.http.get(`/api/waitlist/${first.body.entry_id}/`).set('Authorization', line[1].auth)).status).toBe(404);
    const staffLine = await t.http.get(`/api/events/${event.id}/waitlist/`).set('Authorization', staff.auth);
    expect(staffLine.body.results.map((entry: { entry_id: string }) => entry.entry_id)).toEqual([
      first.body.entry_id,
      second.body.entry_id,
    ]);
    expect((await t.http.get(`/api/events/${event.id}/waitlist/`).set('Authorization', line[0].auth)).status).toBe(403);
  });

  it('runs the offer cascade: A lets it expire, B declines, C leaves, D converts; nothing reaches the public meanwhile', async () => {
    const { event, booked } = await soldOut([2]);
    const [a, b, c, d] = line;
    const before = await waitlistOutcomes();
    const entries = [];
    for (const who of [a, b, c, d]) entries.push((await join(event.id, who, 2)).body.entry_id as string);

    await cancel(booked[0]);
    const offeredA = await entryOf(entries[0]);
    expect(offeredA).toMatchObject({ status: 'offered', position: null, hold: { hold_id: expect.any(String) } });
    expect(await available(event.id)).toBe(0);
    expect((await entryOf(entries[1])).position).toBe(1);

    await runOut(t, [offeredA.hold.hold_id]);
    await t.app.get(OverdueHoldSweeper).sweep();
    expect((await entryOf(entries[0])).status).toBe('expired');
    const offeredB = await entryOf(entries[1]);
    expect(offeredB.status).toBe('offered');

    expect((await releaseHold(t, b, offeredB.hold.hold_id)).status).toBe(200);
    expect((await entryOf(entries[1])).status).toBe('declined');
    expect((await entryOf(entries[2])).status).toBe('offered');

    const left = await t.http.delete(`/api/waitlist/${entries[2]}/`).set('Authorization', c.auth);
    expect(left.body).toEqual({ entry_id: entries[2], status: 'left' });
    const offeredD = await entryOf(entries[3]);
    expect(offeredD.status).toBe('offered');
    const hold = await t.http.get(`/api/holds/${offeredD.hold.hold_id}/`).set('Authorization', d.auth);
    expect(hold.body).toMatchObject({ source: 'waitlist', status: 'active', user_id: d.user.id, number_of_tickets: 2 });

    const confirmed = await confirmHold(t, d, offeredD.hold.hold_id);
    expect(confirmed.status).toBe(201);
    expect((await entryOf(entries[3])).status).toBe('converted');
    expect(await available(event.id)).toBe(0);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 2, available: 0, confirmed: 2, held: 0 });
    const actions: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE event_id = $1 AND action LIKE 'waitlist.%' ORDER BY at`,
      [event.id],
    );
    expect(actions.filter((row) => row.action === 'waitlist.offered')).toHaveLength(4);
    // Each entry counted once, by the status it ended in: C left, so C did not also decline.
    const after = await waitlistOutcomes();
    const grew = Object.fromEntries(Object.entries(after).map(([outcome, count]) => [outcome, count - before[outcome]]));
    expect(grew).toEqual({ joined: 4, offered: 4, converted: 1, declined: 1, expired: 1, left: 1, cancelled: 0 });
  });

  it('keeps a group larger than the free seats in its place while a smaller entry behind it is served', async () => {
    const { event, booked } = await soldOut([1, 2]);
    const group = await join(event.id, line[0], 3);
    const single = await join(event.id, line[1], 1);

    await cancel(booked[0]);

    expect(await entryOf(group.body.entry_id)).toMatchObject({ status: 'waiting', position: 1, hold: null });
    expect((await entryOf(single.body.entry_id)).status).toBe('offered');
    expect(await available(event.id)).toBe(0);
  });

  it('passes on the seats of a cancelled booking that came from an offer, and never offers the converted entry again', async () => {
    const { event, booked } = await soldOut([1]);
    const first = await join(event.id, line[0], 1);
    const second = await join(event.id, line[1], 1);
    await cancel(booked[0]);
    const offered = await entryOf(first.body.entry_id);
    const booking = await confirmHold(t, line[0], offered.hold.hold_id);

    await cancel(booking.body.booking_id, line[0]);

    expect((await entryOf(first.body.entry_id)).status).toBe('converted');
    expect((await entryOf(second.body.entry_id)).status).toBe('offered');
    const offers: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM holds WHERE event_id = $1 AND user_id = $2 AND source = 'waitlist'`,
      [event.id, line[0].user.id],
    );
    expect(offers[0].count).toBe(1);
  });

  it('serves the line first when the capacity is raised', async () => {
    const { event } = await soldOut([2]);
    const waiting = await join(event.id, line[0], 2);

    await t.http.patch(`/api/events/${event.id}/`).set('Authorization', staff.auth).send({ capacity: 5 });

    expect((await entryOf(waiting.body.entry_id)).status).toBe('offered');
    expect(await available(event.id)).toBe(1);
    expect(balanced(await heldLedger(t, event.id))).toBe(true);
  });

  it('cancels holds, offers and waiting entries with the event; confirm answers 409 and nothing is offered after', async () => {
    const { event, booked } = await soldOut([1, 1]);
    const direct = await postHold(t, line[5], { event_id: event.id, number_of_tickets: 1 });
    expect(direct.status).toBe(409);
    const offered = await join(event.id, line[0], 1);
    const waiting = await join(event.id, line[1], 1);
    await cancel(booked[0]);
    const offer = await entryOf(offered.body.entry_id);
    const cancelledEntries = () => metricValue(t, 'evently_waitlist_entries_total{outcome="cancelled"}');
    const before = await cancelledEntries();

    await t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);

    expect((await entryOf(offered.body.entry_id)).status).toBe('cancelled');
    expect((await entryOf(waiting.body.entry_id)).status).toBe('cancelled');
    expect((await confirmHold(t, line[0], offer.hold.hold_id)).body).toMatchObject({ error: 'Hold is not active', status: 'cancelled' });
    const holds: { count: number }[] = await t.dataSource.query(`SELECT count(*)::int AS count FROM holds WHERE event_id = $1`, [event.id]);
    expect(holds[0].count).toBe(1);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 2, available: 2, confirmed: 0, held: 0 });
    expect((await cancelledEntries()) - before).toBe(2); // the offered entry and the waiting one
  });
});
