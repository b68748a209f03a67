import { startTestApp, TestApp } from './support/test-app';

describe('Bookings that wait for the same turn share one transaction (EventGate.runTogether)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers each of many parallel bookings with its own booking, total and audit entry', async () => {
    const buyers = await Promise.all(Array.from({ length: 60 }, () => t.make.user()));
    const event = await t.make.event({ capacity: 1_000, price: '10.00' });
    const wanted = buyers.map((buyer, index) => ({ buyer, tickets: 1 + (index % 4) }));

    const responses = await Promise.all(
      wanted.map(({ buyer, tickets }) =>
        t.http.post('/api/bookings/').set('Authorization', buyer.auth).send({ event_id: event.id, number_of_tickets: tickets }),
      ),
    );

    const rows: { id: string; user_id: string; number_of_tickets: number; created_at: Date; actor_id: string; request_id: string }[] =
      await t.dataSource.query(
        `SELECT b.id, b.user_id, b.number_of_tickets, b.created_at, a.actor_id, a.request_id
         FROM bookings b JOIN audit_entries a ON a.booking_id = b.id AND a.action = 'booking.created' WHERE b.event_id = $1`,
        [event.id],
      );
    const byId = new Map(rows.map((row) => [row.id, row]));
    responses.forEach((response, index) => {
      const { buyer, tickets } = wanted[index];
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ user_id: buyer.user.id, number_of_tickets: tickets, total_amount: `${tickets * 10}.00` });
      expect(byId.get(response.body.booking_id)).toMatchObject({
        user_id: buyer.user.id,
        number_of_tickets: tickets,
        actor_id: buyer.user.id,
        request_id: response.headers['x-request-id'],
      });
    });
    // One transaction stamps its bookings with one time: fewer times than bookings means some shared one.
    expect(new Set(rows.map((row) => row.created_at.getTime())).size).toBeLessThan(rows.length);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 1_000, available: 1_000 - 150, confirmed: 150 });
  });
});
