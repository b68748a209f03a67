import fc from 'fast-check';

import { OverdueHoldSweeper } from '../src/inventory/overdue-hold-sweeper';
import { TestUser } from './support/factories';
import { balanced, heldLedger, postHold, releaseHold, runOut } from './support/holds';
import { startTestApp, TestApp } from './support/test-app';
import { availableTickets, joinWaitlist } from './support/waitlist';

/** How seats come back to a sold-out event: the ways contract 6 names. */
type Freeing = 'cancellation' | 'release' | 'capacity raise';

/**
 * Contract 6, the plain model: in join order, each waiting entry whose request fits in what is
 * left is offered it; one that does not fit keeps its place. Returns each entry's status and the
 * seats that reach the public.
 */
function modelOffers(line: readonly number[], freed: number): { statuses: string[]; available: number } {
  let left = freed;
  const statuses = line.map((tickets) => {
    if (tickets > left) return 'waiting';
    left -= tickets;
    return 'offered';
  });
  return { statuses, available: left };
}

describe('Offers down the waiting line (contract 6)', () => {
  let t: TestApp;
  let staff: TestUser;
  let seller: TestUser;
  let line: TestUser[];

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.make.staff();
    seller = await t.make.user();
    line = await Promise.all(Array.from({ length: 8 }, () => t.make.user()));
  });
  afterAll(() => t.close());

  const join = (eventId: string, who: TestUser, tickets: number) => joinWaitlist(t, eventId, who, tickets);
  const book = (eventId: string, tickets: number) =>
    t.http.post('/api/bookings/').set('Authorization', seller.auth).send({ event_id: eventId, number_of_tickets: tickets });
  const statusesOf = async (eventId: string) =>
    (await t.http.get(`/api/events/${eventId}/waitlist/?page_size=100`).set('Authorization', staff.auth)).body.results.map(
      (entry: { status: string }) => entry.status,
    );
  const available = (eventId: string) => availableTickets(t, eventId);

  /**
   * A sold-out event of `capacity` seats with `tickets` waiting in line, and the step that frees
   * `freed` seats: the seller took them by a booking or a hold that it then cancels or releases,
   * or staff raise the capacity by as many.
   */
  async function soldOutWithLine(capacity: number, freed: number, freeing: Freeing, tickets: readonly number[]) {
    const event = await t.make.event({ capacity });
    let free: () => Promise<unknown>;
    if (freeing === 'cancellation') {
      const booking = (await book(event.id, freed)).body.booking_id;
      free = () => t.http.delete(`/api/bookings/${booking}/`).set('Authorization', seller.auth);
    } else if (freeing === 'release') {
      const hold = (await postHold(t, seller, { event_id: event.id, number_of_tickets: freed })).body.hold_id;
      free = () => releaseHold(t, seller, hold);
    } else {
      free = () =>
        t.http
          .patch(`/api/events/${event.id}/`)
          .set('Authorization', staff.auth)
          .send({ capacity: capacity + freed });
    }
    const rest = freeing === 'capacity raise' ? capacity : capacity - freed;
    if (rest > 0) expect((await book(event.id, rest)).status).toBe(201);
    for (const [index, count] of tickets.entries()) expect((await join(event.id, line[index], count)).status).toBe(201);
    return { event, free };
  }

  it('offers every entry that fits what is left, in join order, past a group that does not', async () => {
    const { event, free } = await soldOutWithLine(2, 2, 'cancellation', [1, 2, 1]);

    await free();

    expect(await statusesOf(event.id)).toEqual(['offered', 'waiting', 'offered']);
    expect(await available(event.id)).toBe(0);
  });

  it('matches the plain model for any line, any seats freed, by cancellation, release or capacity raise', async () => {
    const scenario = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom<Freeing>('cancellation', 'release', 'capacity raise'))
      .chain(([capacity, freeing]) =>
        fc.integer({ min: 1, max: capacity }).chain((freed) =>
          fc
            // An entry asks for at most one seat more than come back: a larger one only ever waits, as that one does.
            .array(fc.integer({ min: 1, max: Math.min(capacity, freed + 1) }), { minLength: 1, maxLength: line.length })
            .map((tickets) => ({ capacity, freeing, freed, tickets })),
        ),
      );

    await fc.assert(
      fc.asyncProperty(scenario, async ({ capacity, freed, freeing, tickets }) => {
        const { event, free } = await soldOutWithLine(capacity, freed, freeing, tickets);

        await free();

        const expected = modelOffers(tickets, freed);
        expect(await statusesOf(event.id)).toEqual(expected.statuses);
        expect(await available(event.id)).toBe(expected.available);
        expect(balanced(await heldLedger(t, event.id))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('passes an expired hold’s seats to every entry that fits, when the sweeper ends it', async () => {
    const { event } = await soldOutWithLine(2, 2, 'release', [1, 2, 1]);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM holds WHERE event_id = $1`, [event.id]);
    await runOut(t, [id]);

    await t.app.get(OverdueHoldSweeper).sweep();

    expect(await statusesOf(event.id)).toEqual(['offered', 'waiting', 'offered']);
    expect(await available(event.id)).toBe(0);
  });

  it('passes an offer that its entry leaves to every entry behind it that fits', async () => {
    const { event, free } = await soldOutWithLine(2, 2, 'cancellation', [2, 1, 2, 1]);
    await free();
    const [offered] = (await t.http.get(`/api/events/${event.id}/waitlist/`).set('Authorization', staff.auth)).body.results;

    await t.http.delete(`/api/waitlist/${offered.entry_id}/`).set('Authorization', line[0].auth);

    expect(await statusesOf(event.id)).toEqual(['left', 'offered', 'waiting', 'offered']);
    expect(await available(event.id)).toBe(0);
  });
});
