import createClient from 'openapi-fetch';

import { createEventlyClient, EventlyClient, paths } from '../clients/typescript/src/index';
import { fetchWithCookies } from './support/cookie-fetch';
import { DEFAULT_PASSWORD, TestUser } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('the TypeScript client (clients/typescript) against the real server', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** Books, reads availability, pages the history and cancels: every call typed by the document. */
  async function bookPageAndCancel(client: EventlyClient, buyer: TestUser): Promise<void> {
    const event = await t.make.event({ capacity: 10, price: '12.50' });
    const eventPath = { params: { path: { eventId: event.id } } };

    const booked = [];
    for (const tickets of [2, 1, 3]) {
      const { data, error, response } = await client.POST('/api/bookings', { body: { event_id: event.id, number_of_tickets: tickets } });
      expect(error).toBeUndefined();
      expect(response.status).toBe(201);
      booked.push(data!);
    }
    expect(booked[0]).toMatchObject({ user_id: buyer.user.id, number_of_tickets: 2, status: 'confirmed', total_amount: '25.00' });
    expect((await client.GET('/api/events/{eventId}/availability', eventPath)).data).toEqual({ event_id: event.id, available_tickets: 4 });

    const short = await client.POST('/api/bookings', { body: { event_id: event.id, number_of_tickets: 5 } });
    expect(short.response.status).toBe(409);
    expect(short.error).toEqual({ error: 'Insufficient tickets', available_tickets: 4, requested_tickets: 5 });

    const history = { params: { path: { userId: buyer.user.id }, query: { page_size: 2 } } };
    const first = await client.GET('/api/users/{userId}/bookings', history);
    expect(first.data).toMatchObject({ count: 3, previous: null });
    expect(first.data!.results.map((item) => item.booking_id)).toEqual([booked[2].booking_id, booked[1].booking_id]);
    expect(new URL(first.data!.next!).searchParams.get('page')).toBe('2');
    const second = await client.GET('/api/users/{userId}/bookings', { params: { ...history.params, query: { page: 2, page_size: 2 } } });
    expect(second.data).toMatchObject({ count: 3, next: null, results: [{ booking_id: booked[0].booking_id, number_of_tickets: 2 }] });

    const cancelled = await client.DELETE('/api/bookings/{bookingId}', { params: { path: { bookingId: booked[0].booking_id } } });
    expect(cancelled.data).toEqual({ booking_id: booked[0].booking_id, status: 'cancelled' });
    expect((await client.GET('/api/events/{eventId}/availability', eventPath)).data!.available_tickets).toBe(6);
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 6, confirmed: 4 });
  }

  it('with an API key: books, reads availability, pages the history and cancels', async () => {
    const buyer = await t.make.user();
    await bookPageAndCancel(createEventlyClient({ baseUrl: t.baseUrl, token: buyer.token }), buyer);
  });

  it('with a session in Node (no fetch of the caller’s): keeps the cookie and sends the CSRF token on every unsafe request by itself', async () => {
    const buyer = await t.make.user();
    const client = createEventlyClient({ baseUrl: t.baseUrl });
    const login = await client.POST('/api/auth/login', { body: { username: buyer.user.username, password: DEFAULT_PASSWORD } });
    expect(login.data).toMatchObject({ user_id: buyer.user.id, is_staff: false });

    const me = await client.GET('/api/auth/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ user_id: buyer.user.id, username: buyer.user.username });
    await bookPageAndCancel(client, buyer);

    expect((await client.POST('/api/auth/logout')).response.status).toBe(204);
    expect((await client.GET('/api/auth/me')).response.status).toBe(401);
  });

  it('types the fields of an error body: a second hold on the event answers 409 naming the active hold', async () => {
    const buyer = await t.make.user();
    const event = await t.make.event({ capacity: 10 });
    const client = createEventlyClient({ baseUrl: t.baseUrl, token: buyer.token });
    const first = await client.POST('/api/holds', { body: { event_id: event.id, number_of_tickets: 2 } });

    const again = await client.POST('/api/holds', { body: { event_id: event.id, number_of_tickets: 1 } });

    expect(again.response.status).toBe(409);
    // Type-checked by `npm run typecheck`: before each error had its own schema, hold_id was unknown here.
    const activeHoldId: string | undefined = again.error && 'hold_id' in again.error ? again.error.hold_id : undefined;
    expect(activeHoldId).toBe(first.data!.hold_id);
  });

  it('the same session without the client’s CSRF handling is refused with 403 (what the client adds is what lets it in)', async () => {
    const buyer = await t.make.user();
    const event = await t.make.event();
    const bare = createClient<paths>({ baseUrl: t.baseUrl, fetch: fetchWithCookies() });
    await bare.POST('/api/auth/login', { body: { username: buyer.user.username, password: DEFAULT_PASSWORD } });

    const refused = await bare.POST('/api/bookings', { body: { event_id: event.id, number_of_tickets: 1 } });

    expect(refused.response.status).toBe(403);
    expect(refused.error).toEqual({ error: 'CSRF token missing or invalid' });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 100, available: 100, confirmed: 0 });
  });
});
