import request from 'supertest';

import { BookingsRepository } from '../src/bookings/bookings.repository';
import { pageRequest } from '../src/common/pagination/pagination';
import { BookingEntity } from '../src/schema/booking.entity';
import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

describe('GET /api/users/{user_id}/bookings/ (booking history)', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  let bookingIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    owner = await t.make.user();
    stranger = await t.make.user();
    const event = await t.make.event({ capacity: 100 });
    bookingIds = [];
    for (let index = 0; index < 25; index++) {
      const response = await bookTickets(t, owner, event.id, 1);
      bookingIds.push(response.body.booking_id);
    }
    await cancelBooking(t, owner, bookingIds[3]);
  });
  afterAll(() => t.close());

  const history = (query: string, who = owner, userId = owner.user.id) =>
    t.http.get(`/api/users/${userId}/bookings/${query}`).set('Authorization', who.auth);

  it('walks 25 bookings in pages of 10, newest first, with no repeats or gaps and absolute links null at the ends', async () => {
    const seen: string[] = [];
    const timestamps: string[] = [];
    let url: string | null = `${t.baseUrl}/api/users/${owner.user.id}/bookings/?page_size=10&extra=kept`;
    const pageSizes: number[] = [];
    for (let page = 1; url; page++) {
      const response: request.Response = await t.http.get(url.slice(t.baseUrl.length)).set('Authorization', owner.auth);
      expect(response.status).toBe(200);
      expect(response.body.count).toBe(25);
      if (page === 1) expect(response.body.previous).toBeNull();
      else expect(new URL(response.body.previous).searchParams.get('page')).toBe(String(page - 1));
      pageSizes.push(response.body.results.length);
      for (const item of response.body.results) {
        expect(Object.keys(item).sort()).toEqual(['booking_id', 'event_id', 'number_of_tickets', 'status', 'timestamp']);
        seen.push(item.booking_id);
        timestamps.push(item.timestamp);
      }
      if (response.body.next) {
        expect(response.body.next).toMatch(new RegExp(`^${t.baseUrl}/api/users/${owner.user.id}/bookings/\\?`));
        expect(new URL(response.body.next).searchParams.get('extra')).toBe('kept');
      }
      url = response.body.next;
    }
    expect(pageSizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect([...seen].sort()).toEqual([...bookingIds].sort());
    expect([...timestamps].sort().reverse()).toEqual(timestamps);
    expect(seen[0]).toBe(bookingIds[24]);
  });

  it('includes cancelled bookings', async () => {
    const response = await history('?page_size=100');
    const cancelled = response.body.results.find((item: { booking_id: string }) => item.booking_id === bookingIds[3]);
    expect(cancelled.status).toBe('cancelled');
  });

  it('takes a page_size above 100 as 100 and defaults to 10', async () => {
    expect((await history('?page_size=1000')).body.results).toHaveLength(25);
    expect((await history('')).body.results).toHaveLength(10);
  });

  it.each(['?page=4', '?page=0', '?page=-1', '?page=abc', '?page=1.5'])('answers 404 "Invalid page." for %s', async (query) => {
    const response = await history(query);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Invalid page.' });
  });

  it.each(['0', '-5', 'abc'])('answers 400 for page_size=%s', async (size) => {
    const response = await history(`?page_size=${size}`);
    expect(response.status).toBe(400);
    expect(response.body.details).toHaveProperty('page_size');
  });

  it('forbids another user’s history (403) but lets staff read it', async () => {
    expect((await history('', stranger)).body).toEqual({ error: 'You do not have permission to perform this action.' });
    const staff = await t.make.staff();
    expect((await history('', staff)).body.count).toBe(25);
  });

  it('answers 404 "User not found" for an unknown or malformed user id, and 401 without credentials', async () => {
    const staff = await t.make.staff();
    expect((await history('', staff, '00000000-0000-4000-8000-000000000000')).body).toEqual({ error: 'User not found' });
    expect((await history('', staff, '123')).status).toBe(404);
    expect((await t.http.get(`/api/users/${owner.user.id}/bookings/`)).status).toBe(401);
  });

  it('orders bookings that share a timestamp by id, so pages never repeat or skip one of them', async () => {
    const { user, auth } = await t.make.user();
    const event = await t.make.event({ capacity: 100 });
    // A batch of bookings commits in one transaction, so they share created_at (now()).
    const tied: { id: string }[] = await t.dataSource.query(
      `INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount, created_at)
       SELECT $1, $2, 1, 'confirmed', 25, '2030-01-01T00:00:00Z' FROM generate_series(1, 7) RETURNING id`,
      [user.id, event.id],
    );

    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const response = await t.http.get(`/api/users/${user.id}/bookings/?page=${page}&page_size=3`).set('Authorization', auth);
      seen.push(...response.body.results.map((item: { booking_id: string }) => item.booking_id));
    }

    expect(seen).toEqual(
      tied
        .map((row) => row.id)
        .sort()
        .reverse(),
    );
  });

  it('caps page_size at 100 when there are more than 100 bookings, linking to the rest', async () => {
    const { user, auth } = await t.make.user();
    const event = await t.make.event({ capacity: 200 });
    await t.dataSource.query(
      `INSERT INTO bookings (user_id, event_id, number_of_tickets, status, total_amount, created_at)
       SELECT $1, $2, 1, 'confirmed', 25, now() - make_interval(secs => n) FROM generate_series(1, 105) AS n`,
      [user.id, event.id],
    );

    const first = await t.http.get(`/api/users/${user.id}/bookings/?page_size=1000`).set('Authorization', auth);
    const second = await t.http.get(new URL(first.body.next).pathname + new URL(first.body.next).search).set('Authorization', auth);

    expect(first.body.count).toBe(105);
    expect(first.body.results).toHaveLength(100);
    expect(new URL(first.body.next).searchParams.get('page')).toBe('2');
    expect(second.body.results).toHaveLength(5);
    expect(second.body.next).toBeNull();
  });

  it('answers an empty history with count 0', async () => {
    expect((await history('', stranger, stranger.user.id)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it('reads the pages asked for together in one statement, each request getting its own page and count', async () => {
    const bookings = t.app.get(BookingsRepository);
    const statements = jest.spyOn(t.dataSource.getRepository(BookingEntity), 'query');
    const page = (number: number, pageSize: number) => pageRequest({ page: String(number), page_size: pageSize });

    const [first, again, last, strangers, pastEnd] = await Promise.all([
      bookings.pageByUser(owner.user.id, page(1, 10)),
      bookings.pageByUser(owner.user.id, page(1, 10)),
      bookings.pageByUser(owner.user.id, page(3, 10)),
      bookings.pageByUser(stranger.user.id, page(1, 10)),
      bookings.pageByUser(owner.user.id, page(4, 10)),
    ]);

    expect(statements).toHaveBeenCalledTimes(1);
    statements.mockRestore();
    const newestFirst = [...bookingIds].reverse();
    expect(first[0].map((booking) => booking.id)).toEqual(newestFirst.slice(0, 10));
    expect(again[0].map((booking) => booking.id)).toEqual(newestFirst.slice(0, 10));
    expect(last[0].map((booking) => booking.id)).toEqual(newestFirst.slice(20));
    expect([first[1], last[1], pastEnd[1]]).toEqual([25, 25, 25]);
    expect(pastEnd[0]).toEqual([]);
    expect(strangers).toEqual([[], 0]);
  });
});
