import { openConnections } from './support/burst';
import { startConfiguredApp } from './support/configured-app';
import type { TestUser } from './support/factories';
import { heldLedger, postHold } from './support/holds';
import { bookTickets } from './support/requests';
import type { TestApp } from './support/test-app';

/**
 * A refused request of a shared turn takes no seats from the requests after it (contract 1, 5):
 * one user's duplicate holds cannot lock the others out of an on-sale. One turn of an event at a
 * time, so the requests that arrive while the first runs wait together and share the next.
 */
describe('Refusals in a shared turn', () => {
  let t: TestApp;
  let buyers: TestUser[];

  beforeAll(async () => {
    t = await startConfiguredApp({ BOOKING_CONCURRENCY_PER_EVENT: '1' });
    buyers = await Promise.all(Array.from({ length: 5 }, () => t.make.user()));
  });
  afterAll(() => t.close());

  const DUPLICATES = 40;

  /** A user who holds 5 of 10 seats, and connections for a burst of their duplicates and the buyers' requests. */
  async function halfHeld() {
    const event = await t.make.event({ capacity: 10, price: '3.00' });
    const hoarder = await t.make.user();
    const first = await postHold(t, hoarder, { event_id: event.id, number_of_tickets: 5 });
    expect(first.status).toBe(201);
    const agent = await openConnections(t, DUPLICATES + buyers.length);
    const duplicates = () =>
      Array.from({ length: DUPLICATES }, () => postHold(t, hoarder, { event_id: event.id, number_of_tickets: 5 }).agent(agent));
    return { event, holdId: first.body.hold_id as string, agent, duplicates };
  }

  it('serves every other buyer’s hold while one user’s duplicate holds are refused in the same burst', async () => {
    const { event, holdId, agent, duplicates } = await halfHeld();

    const answers = await Promise.all([
      ...duplicates(),
      ...buyers.map((buyer) => postHold(t, buyer, { event_id: event.id, number_of_tickets: 1 }).agent(agent)),
    ]);
    agent.destroy();

    for (const refused of answers.slice(0, DUPLICATES)) {
      expect([refused.status, refused.body]).toEqual([409, { error: 'Active hold exists', hold_id: holdId }]);
    }
    expect(answers.slice(DUPLICATES).map((answer) => [answer.status, answer.body.status])).toEqual(buyers.map(() => [201, 'active']));
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 0, confirmed: 0, held: 10 });
  });

  it('serves every booking mixed into a burst of one user’s duplicate holds', async () => {
    const { event, holdId, agent, duplicates } = await halfHeld();

    const answers = await Promise.all([...duplicates(), ...buyers.map((buyer) => bookTickets(t, buyer, event.id, 1).agent(agent))]);
    agent.destroy();

    for (const refused of answers.slice(0, DUPLICATES)) expect(refused.body).toEqual({ error: 'Active hold exists', hold_id: holdId });
    expect(answers.slice(DUPLICATES).map((answer) => [answer.status, answer.body.total_amount])).toEqual(buyers.map(() => [201, '3.00']));
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 10, available: 0, confirmed: 5, held: 5 });
  });

  it('makes one hold of a user’s holds that share a turn, refuses the rest with its id, and tells the short the true remainder', async () => {
    const event = await t.make.event({ capacity: 6 });
    const [hurried, ...others] = buyers;
    const agent = await openConnections(t, 21);
    const blocker = postHold(t, others[0], { event_id: event.id, number_of_tickets: 1 }).agent(agent);

    const [, ...answers] = await Promise.all([
      blocker,
      ...Array.from({ length: 10 }, () => postHold(t, hurried, { event_id: event.id, number_of_tickets: 2 }).agent(agent)),
      ...Array.from({ length: 10 }, () => bookTickets(t, others[1], event.id, 4).agent(agent)),
    ]);
    agent.destroy();

    const held = answers.slice(0, 10).filter((answer) => answer.status === 201);
    expect(held).toHaveLength(1);
    for (const refused of answers.slice(0, 10).filter((answer) => answer.status !== 201)) {
      expect([refused.status, refused.body]).toEqual([409, { error: 'Active hold exists', hold_id: held[0].body.hold_id }]);
    }
    // 6 seats: 1 to the blocker, 2 to the one hold; the bookings of 4 all find 3 left.
    for (const short of answers.slice(10)) {
      expect([short.status, short.body]).toEqual([409, { error: 'Insufficient tickets', available_tickets: 3, requested_tickets: 4 }]);
    }
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 6, available: 3, confirmed: 0, held: 3 });
  });
});
