import { TestUser } from './support/factories';
import { confirmHold, postHold } from './support/holds';
import { bookTickets } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Money is computed exactly (contract: Conventions): price x tickets in PostgreSQL's numeric.
 * 999,999 x 99,999,999.99 has 16 significant digits, one more than a double keeps, so a total
 * computed in JavaScript (`(Number(price) * n).toFixed(2)`) answers "99999899990000.00".
 */
const PRICE = '99999999.99';
const TICKETS = 999_999;
const TOTAL = '99999899990000.01';

describe('Totals at the largest price and count', () => {
  let t: TestApp;
  let buyer: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await t.make.user();
    staff = await t.make.staff();
  });
  afterAll(() => t.close());

  const pricey = () => t.make.event({ capacity: TICKETS, price: PRICE });

  it('books at the exact total, shared turn or keyed', async () => {
    const [shared, keyed] = [await pricey(), await pricey()];

    const answers = [await bookTickets(t, buyer, shared.id, TICKETS), await bookTickets(t, buyer, keyed.id, TICKETS, 'money-key')];

    expect(answers.map((answer) => [answer.status, answer.body.total_amount])).toEqual([
      [201, TOTAL],
      [201, TOTAL],
    ]);
    const stored = await t.dataSource.query(`SELECT total_amount FROM bookings WHERE event_id = ANY($1::uuid[])`, [[shared.id, keyed.id]]);
    expect(stored).toEqual([{ total_amount: TOTAL }, { total_amount: TOTAL }]);
  });

  it('quotes a hold at the exact total and books its confirmation at it', async () => {
    const event = await pricey();

    const held = await postHold(t, buyer, { event_id: event.id, number_of_tickets: TICKETS });
    const booked = await confirmHold(t, buyer, held.body.hold_id);

    expect([held.status, held.body.total_amount]).toEqual([201, TOTAL]);
    expect([booked.status, booked.body.total_amount]).toEqual([201, TOTAL]);
  });

  it('quotes a waiting-list offer at the exact total', async () => {
    const event = await pricey();
    const booking = (await bookTickets(t, staff, event.id, TICKETS)).body.booking_id;
    const entry = (
      await t.http.post(`/api/events/${event.id}/waitlist/`).set('Authorization', buyer.auth).send({ number_of_tickets: TICKETS })
    ).body.entry_id;

    await t.http.delete(`/api/bookings/${booking}/`).set('Authorization', staff.auth);

    const offered = (await t.http.get(`/api/waitlist/${entry}/`).set('Authorization', buyer.auth)).body;
    const hold = await t.http.get(`/api/holds/${offered.hold.hold_id}/`).set('Authorization', buyer.auth);
    expect([hold.body.source, hold.body.total_amount]).toEqual(['waitlist', TOTAL]);
  });
});
