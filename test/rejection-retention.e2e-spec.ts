import { BookingRejectionSweeper } from '../src/bookings/outcomes/booking-rejection-sweeper';
import { startTestApp, TestApp } from './support/test-app';

describe('booking_rejections are kept REJECTIONS_RETENTION_DAYS (default 90), then deleted in batches', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('deletes the rejections older than 90 days, in batches of 1,000, and keeps the younger ones', async () => {
    const addRejections = (count: number, ageDays: number) =>
      t.dataSource.query(
        `INSERT INTO booking_rejections (reason, at) SELECT 'insufficient_tickets', now() - make_interval(days => $2) FROM generate_series(1, $1)`,
        [count, ageDays],
      );
    await addRejections(2_500, 91);
    await addRejections(3, 89);

    const deleted = await t.app.get(BookingRejectionSweeper).sweep();

    expect(deleted).toBe(2_500);
    const [{ left, oldest }] = await t.dataSource.query(
      `SELECT count(*)::int AS left, min(at) > now() - interval '90 days' AS oldest FROM booking_rejections`,
    );
    expect({ left, oldest }).toEqual({ left: 3, oldest: true });
  });
});
