import { Injectable } from '@nestjs/common';

import { SeatsRepository } from '../src/inventory/seats.repository';
import { EventEntity } from '../src/schema/event.entity';
import { TestUser } from './support/factories';
import { postBookingJson } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

const REQUEST_ID_HEADER = 'x-request-id';

describe('API conventions', () => {
  let t: TestApp;
  let buyer: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  it('answers every route with and without the trailing slash, without redirecting', async () => {
    const event = await t.make.event();
    const withSlash = await t.http.get(`/api/events/${event.id}/availability/`);
    const withoutSlash = await t.http.get(`/api/events/${event.id}/availability`);
    expect(withSlash.status).toBe(200);
    expect(withoutSlash.status).toBe(200);
    expect(withSlash.body).toEqual(withoutSlash.body);

    const posted = await t.http.post('/api/bookings').set('Authorization', buyer.auth).send({ event_id: event.id, number_of_tickets: 1 });
    expect(posted.status).toBe(201);
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    const response = await t.http.get('/api/no-such-thing/');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Not found.' });
  });

  it('answers malformed JSON with 400 and books nothing', async () => {
    const event = await t.make.event();
    const response = await postBookingJson(t, buyer, `{"event_id": "${event.id}", "number_of_tickets": 1`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Malformed JSON in request body.' });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers a body over 1 MB with 413 and books nothing', async () => {
    const event = await t.make.event();
    const padding = 'x'.repeat(1024 * 1024);
    const response = await postBookingJson(t, buyer, JSON.stringify({ event_id: event.id, number_of_tickets: 1, padding }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'Request body too large (limit 1 MB).' });
    expect(await t.make.bookingsOf(event.id)).toHaveLength(0);
  });

  it('answers a JSON body that is not an object with 400', async () => {
    const response = await postBookingJson(t, buyer, '[1, 2]');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'Invalid input.', details: { body: ['The request body must be a JSON object.'] } });
  });

  it('puts an X-Request-Id on successes and errors alike, echoing a sane incoming one', async () => {
    const success = await t.http.get('/api/health/');
    const failure = await t.http.get('/api/events/nope/');
    const unknownRoute = await t.http.get('/api/nowhere/');
    for (const response of [success, failure, unknownRoute]) {
      expect(response.headers[REQUEST_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set([success, failure, unknownRoute].map((response) => response.headers[REQUEST_ID_HEADER])).size).toBe(3);

    const echoed = await t.http.get('/api/health/').set('X-Request-Id', 'client-trace.42');
    expect(echoed.headers[REQUEST_ID_HEADER]).toBe('client-trace.42');
    const replaced = await t.http.get('/api/health/').set('X-Request-Id', 'bad id <script>');
    expect(replaced.headers[REQUEST_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers GET /api/health/ with the database status', async () => {
    const response = await t.http.get('/api/health/');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves Swagger UI at /api/docs/ and the OpenAPI document at /api/docs-json', async () => {
    const page = await t.http.get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');

    const { body: document } = await t.http.get('/api/docs-json');
    expect(document.openapi).toMatch(/^3\./);
    // An API key in either header form, or the session cookie with its CSRF token.
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session', 'token']);
    const routes = Object.entries(document.paths as Record<string, object>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/register',
        'POST /api/auth/token',
        'DELETE /api/auth/token',
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/auth/me',
        'POST /api/bookings',
        'GET /api/bookings',
        'GET /api/bookings/{bookingId}',
        'DELETE /api/bookings/{bookingId}',
        'GET /api/users/{userId}/bookings',
        'GET /api/events',
        'POST /api/events',
        'GET /api/events/{eventId}',
        'PATCH /api/events/{eventId}',
        'POST /api/events/{eventId}/cancel',
        'GET /api/events/{eventId}/availability',
        'GET /api/events/{eventId}/stats',
        'POST /api/holds',
        'GET /api/holds',
        'GET /api/holds/{holdId}',
        'POST /api/holds/{holdId}/confirm',
        'DELETE /api/holds/{holdId}',
        'POST /api/events/{eventId}/waitlist',
        'GET /api/events/{eventId}/waitlist',
        'GET /api/waitlist/{entryId}',
        'DELETE /api/waitlist/{entryId}',
        'GET /api/analytics/summary',
        'GET /api/analytics/peak-times',
        'GET /api/audit',
        'GET /api/health',
      ]),
    );
    const bookingAnswers = Object.keys(document.paths['/api/bookings'].post.responses).sort();
    // 413 and 415: the JSON body parser's refusals; 400 on confirm: a malformed Idempotency-Key.
    expect(bookingAnswers).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
    const answersOf = (path: string, method: string) => Object.keys(document.paths[path][method].responses).sort();
    expect(answersOf('/api/holds', 'post')).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
    expect(answersOf('/api/holds/{holdId}/confirm', 'post')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '410',
      '422',
      '429',
      '503',
    ]);
    expect(answersOf('/api/holds/{holdId}', 'delete')).toEqual(['200', '401', '403', '404', '409', '410', '429', '503']);
    expect(answersOf('/api/events/{eventId}/waitlist', 'post')).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '429',
      '503',
    ]);
    expect(answersOf('/api/waitlist/{entryId}', 'delete')).toEqual(['200', '401', '403', '404', '409', '429', '503']);
    const insufficient =
      document.paths['/api/bookings'].post.responses['409'].content['application/json'].examples.InsufficientTicketsError.value;
    expect(insufficient).toEqual({ error: 'Insufficient tickets', available_tickets: 5, requested_tickets: 10 });
  });
});

/** A bug in the data layer whose message would leak SQL if anything echoed it. */
@Injectable()
class BrokenSeatsRepository extends SeatsRepository {
  override findEvent(): Promise<EventEntity | null> {
    return Promise.reject(new Error('relation "events" does not exist: SELECT available_tickets FROM events'));
  }
}

describe('An unexpected error', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp((builder) => builder.overrideProvider(SeatsRepository).useClass(BrokenSeatsRepository));
  });
  afterAll(() => t.close());

  it('is a 500 that shows only the request id: no stack trace, no SQL', async () => {
    const event = await t.make.event();
    const response = await t.http.get(`/api/events/${event.id}/availability/`);

    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: 'Internal server error', details: { request_id: response.headers[REQUEST_ID_HEADER] } });
    expect(response.text).not.toMatch(/SELECT|relation|at .*\.ts/);
  });
});
