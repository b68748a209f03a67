import { toErrorResponse } from '../src/common/errors/error-table';
import { SeatInventory } from '../src/inventory';
import { startConfiguredApp } from './support/configured-app';
import type { TestUser } from './support/factories';
import { confirmHold, heldLedger, postHold, runOut } from './support/holds';
import type { TestApp } from './support/test-app';

/**
 * One turn of an event at a time: the first request takes the turn at once, and the requests made
 * while it runs wait together and share the next one. The turns are asked for in-process, in one
 * tick, so which requests share a turn is certain.
 */
const ONE_TURN_AT_A_TIME = { BOOKING_CONCURRENCY_PER_EVENT: '1' };

describe('Confirmations sharing a turn (contract 5)', () => {
  let t: TestApp;
  let inventory: SeatInventory;
  let buyers: TestUser[];

  beforeAll(async () => {
    t = await startConfiguredApp(ONE_TURN_AT_A_TIME);
    inventory = t.app.get(SeatInventory);
    buyers = await Promise.all(Array.from({ length: 40 }, () => t.make.user()));
  });
  afterAll(() => t.close());

  const holdFor = async (buyer: TestUser, eventId: string, tickets: number): Promise<string> =>
    (await postHold(t, buyer, { event_id: eventId, number_of_tickets: tickets })).body.hold_id;
  const confirm = (eventId: string, holdId: string, buyer: TestUser) =>
    inventory.confirm(eventId, { holdId, caller: buyer.user, requestId: null });
  /** What the API would answer for a refused request: status and body. */
  const answerTo = (result: PromiseSettledResult<unknown>) => {
    if (result.status === 'fulfilled') return { status: 201 };
    const { status, body } = toErrorResponse(result.reason, 'test');
    return { status, body };
  };
  const holdRows = (eventId: string) =>
    t.dataSource.query(`SELECT id, status, booking_id FROM holds WHERE event_id = $1 ORDER BY created_at`, [eventId]);

  it('books each hold once: a second confirmation of a hold booked in the same turn is 409 with that booking', async () => {
    const event = await t.make.event({ capacity: 10, price: '5.00' });
    const [first, twice, other] = [
      await holdFor(buyers[0], event.id, 1),
      await holdFor(buyers[1], event.id, 2),
      await holdFor(buyers[2], event.id, 3),
    ];

    // The first takes the turn; the other three wait together and share the next.
    const answers = await Promise.allSettled([
      confirm(event.id, first, buyers[0]),
      confirm(event.id, twice, buyers[1]),
      confirm(event.id, twice, buyers[1]),
      confirm(event.id, other, buyers[2]),
    ]);

    const [, booked, again, otherBooked] = answers;
    expect(booked).toMatchObject({ status: 'fulfilled', value: { booking: { numberOfTickets: 2, totalAmount: '10.00' } } });
    expect(otherBooked).toMatchObject({ status: 'fulfilled', value: { booking: { numberOfTickets: 3, totalAmount: '15.00' } } });
    const bookingId = (booked as PromiseFulfilledResult<{ booking: { id: string } }>).value.booking.id;
    expect(answerTo(again)).toEqual({ status: 409, body: { error: 'Hold is not active', status: 'confirmed', booking_id: bookingId } });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(3);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 4, confirmed: 6, held: 0 });
    const audits = await t.dataSource.query(
      `SELECT action, hold_id FROM audit_entries WHERE event_id = $1 AND action <> 'hold.created' ORDER BY hold_id, action`,
      [event.id],
    );
    expect(audits).toEqual(
      [first, twice, other].sort().flatMap((hold_id) => [
        { action: 'booking.created', hold_id },
        { action: 'hold.confirmed', hold_id },
      ]),
    );
  });

  it('ends a hold whose time is up once when two confirmations of it share a turn: both 410, its seats back once', async () => {
    const event = await t.make.event({ capacity: 5 });
    const [first, overdue] = [await holdFor(buyers[0], event.id, 1), await holdFor(buyers[1], event.id, 2)];
    await runOut(t, [overdue]);

    const [, one, two] = await Promise.allSettled([
      confirm(event.id, first, buyers[0]),
      confirm(event.id, overdue, buyers[1]),
      confirm(event.id, overdue, buyers[1]),
    ]);

    for (const answer of [one, two]) expect(answerTo(answer)).toEqual({ status: 410, body: { error: 'Hold has expired' } });
    expect(await holdRows(event.id)).toEqual([
      { id: first, status: 'confirmed', booking_id: expect.any(String) },
      { id: overdue, status: 'expired', booking_id: null },
    ]);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 4, confirmed: 1, held: 0 });
  });

  it('answers another user’s hold as not found in a shared turn, and books the rest', async () => {
    const event = await t.make.event({ capacity: 5 });
    const [first, mine] = [await holdFor(buyers[0], event.id, 1), await holdFor(buyers[1], event.id, 1)];

    const [, stranger, owner] = await Promise.allSettled([
      confirm(event.id, first, buyers[0]),
      confirm(event.id, mine, buyers[2]),
      confirm(event.id, mine, buyers[1]),
    ]);

    expect(answerTo(stranger)).toEqual({ status: 404, body: { error: 'Hold not found' } });
    expect(answerTo(owner)).toEqual({ status: 201 });
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 3, confirmed: 2, held: 0 });
  });

  it('keeps the books when many buyers hold and confirm at once over HTTP, their requests sharing turns', async () => {
    const event = await t.make.event({ capacity: 100 });

    const statuses = await Promise.all(
      buyers.map(async (buyer) => {
        const held = await postHold(t, buyer, { event_id: event.id, number_of_tickets: 2 });
        return [held.status, (await confirmHold(t, buyer, held.body.hold_id)).status];
      }),
    );

    expect(statuses).toEqual(buyers.map(() => [201, 201]));
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 100, available: 20, confirmed: 80, held: 0 });
    expect(await holdRows(event.id)).toEqual(
      buyers.map(() => ({ id: expect.any(String), status: 'confirmed', booking_id: expect.any(String) })),
    );
  });
});
