import { TestUser } from './support/factories';
import { confirmHold, heldLedger, postHold } from './support/holds';
import { bookTickets, cancelBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The audit entry commits with the change it records, or neither does (contract 2: every
 * cancellation is recorded). A trigger in this file's own database makes the audit insert of one
 * action fail; the change must then roll back with it.
 */
describe('Audit entries commit with their change', () => {
  let t: TestApp;
  let buyer: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await t.make.user();
    staff = await t.make.staff();
    await t.dataSource.query(
      `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END $$`,
    );
  });
  afterAll(() => t.close());

  /** Runs `change` while the audit insert of `action` fails, then lets audits through again. */
  async function whileAuditRefuses<T>(action: string, change: () => Promise<T>): Promise<T> {
    await t.dataSource.query(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.action = '${action}') EXECUTE FUNCTION refuse_audit()`,
    );
    try {
      return await change();
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_audit ON audit_entries`);
    }
  }
  const statusOfBooking = async (id: string) => (await t.dataSource.query(`SELECT status FROM bookings WHERE id = $1`, [id]))[0].status;

  it('books nothing when its booking.created entry cannot be written', async () => {
    const event = await t.make.event({ capacity: 5 });

    const answer = await whileAuditRefuses('booking.created', () => bookTickets(t, buyer, event.id, 2));

    expect(answer.status).toBe(500);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0, held: 0 });
  });

  it('keeps the booking confirmed and its seats taken when its booking.cancelled entry cannot be written', async () => {
    const event = await t.make.event({ capacity: 5 });
    const booking = (await bookTickets(t, buyer, event.id, 2)).body.booking_id;

    const answer = await whileAuditRefuses('booking.cancelled', () => cancelBooking(t, buyer, booking));

    expect(answer.status).toBe(500);
    expect(await statusOfBooking(booking)).toBe('confirmed');
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 3, confirmed: 2, held: 0 });
  });

  it('holds nothing when its hold.created entry cannot be written', async () => {
    const event = await t.make.event({ capacity: 5 });

    const answer = await whileAuditRefuses('hold.created', () => postHold(t, buyer, { event_id: event.id, number_of_tickets: 2 }));

    expect(answer.status).toBe(500);
    expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 5, confirmed: 0, held: 0 });
  });

  it.each(['hold.confirmed', 'booking.created'])(
    'keeps the hold active and books nothing when the confirmation’s %s entry cannot be written',
    async (action) => {
      const event = await t.make.event({ capacity: 5 });
      const hold = (await postHold(t, buyer, { event_id: event.id, number_of_tickets: 2 })).body.hold_id;

      const answer = await whileAuditRefuses(action, () => confirmHold(t, buyer, hold));

      expect(answer.status).toBe(500);
      expect((await t.dataSource.query(`SELECT status FROM holds WHERE id = $1`, [hold]))[0].status).toBe('active');
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 3, confirmed: 0, held: 2 });
    },
  );

  it.each(['event.cancelled', 'booking.cancelled'])(
    'keeps the event, its bookings and holds when the cancellation’s %s entry cannot be written',
    async (action) => {
      const event = await t.make.event({ capacity: 5 });
      const booking = (await bookTickets(t, buyer, event.id, 2)).body.booking_id;
      await postHold(t, staff, { event_id: event.id, number_of_tickets: 1 });

      const answer = await whileAuditRefuses(action, () => t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth));

      expect(answer.status).toBe(500);
      expect((await t.dataSource.query(`SELECT status FROM events WHERE id = $1`, [event.id]))[0].status).toBe('scheduled');
      expect(await statusOfBooking(booking)).toBe('confirmed');
      expect(await heldLedger(t, event.id)).toEqual({ capacity: 5, available: 2, confirmed: 2, held: 1 });
    },
  );
});
