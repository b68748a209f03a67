import { PassThrough } from 'node:stream';

import { LOG_DESTINATION } from '../src/observability/logging.module';
import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import type { TestApp } from './support/test-app';

type LogLine = Record<string, unknown>;

const METRICS_TOKEN = 'scraper-token-of-at-least-32-characters';

function metricValue(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Observability: JSON logs with the request id, GET /metrics', () => {
  let t: TestApp;
  let buyer: TestUser;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    const logs = new PassThrough();
    let pending = '';
    logs.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop()!;
      lines.push(...parts.map((part) => JSON.parse(part) as LogLine));
    });
    // This file reads the info lines, so it asks for them; and every scrape's gauges fresh.
    t = await startConfiguredApp({ LOG_LEVEL: 'info', METRICS_TOKEN, METRICS_CACHE_TTL_MS: '0' }, (builder) =>
      builder.overrideProvider(LOG_DESTINATION).useValue(logs),
    );
    buyer = await t.make.user();
  });
  afterAll(() => t.close());

  const linesOf = (requestId: string) => lines.filter((line) => line.request_id === requestId);

  it('writes one JSON line per booking, rejection and cancellation, each with the request id', async () => {
    const event = await t.make.event({ capacity: 5, price: '10.00' });
    const booked = await bookTickets(t, buyer, event.id, 3);
    const refused = await bookTickets(t, buyer, event.id, 9);
    const cancelled = await cancelBooking(t, buyer, booked.body.booking_id);

    expect(linesOf(booked.headers['x-request-id']).filter((line) => line.outcome)).toEqual([
      expect.objectContaining({
        outcome: 'booking.confirmed',
        booking_id: booked.body.booking_id,
        number_of_tickets: 3,
        total_amount: '30.00',
      }),
    ]);
    expect(linesOf(refused.headers['x-request-id']).filter((line) => line.outcome)).toEqual([
      expect.objectContaining({ outcome: 'booking.rejected', reason: 'insufficient_tickets', event_id: event.id, requested_tickets: 9 }),
    ]);
    expect(linesOf(cancelled.headers['x-request-id']).filter((line) => line.outcome)).toEqual([
      expect.objectContaining({ outcome: 'booking.cancelled', booking_id: booked.body.booking_id, user_id: buyer.user.id }),
    ]);
    const completed = linesOf(booked.headers['x-request-id']).find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ res: { status_code: 201 }, req: { method: 'POST' } });
    expect(JSON.stringify(lines)).not.toContain(buyer.token);
  });

  it('logs a replayed idempotent retry as no new booking, and a reused key as a rejection', async () => {
    const event = await t.make.event({ capacity: 5 });
    const withKey = (tickets: number) => bookTickets(t, buyer, event.id, tickets, 'once-only');
    const first = await withKey(1);
    const replay = await withKey(1);
    const reused = await withKey(2);

    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(
      linesOf(first.headers['x-request-id'])
        .filter((line) => line.outcome)
        .map((line) => line.outcome),
    ).toEqual(['booking.confirmed']);
    expect(linesOf(replay.headers['x-request-id']).filter((line) => line.outcome)).toEqual([]);
    expect(reused.status).toBe(422);
    expect(linesOf(reused.headers['x-request-id']).filter((line) => line.outcome)).toEqual([
      expect.objectContaining({ outcome: 'booking.rejected', reason: 'idempotency_key_reused' }),
    ]);
  });

  it('writes one line per event cancellation with the number of bookings it took, and none for a repeat', async () => {
    const staff = await t.make.staff();
    const event = await t.make.event({ capacity: 5 });
    await bookTickets(t, buyer, event.id, 1);
    await bookTickets(t, buyer, event.id, 2);
    const cancel = () => t.http.post(`/api/events/${event.id}/cancel/`).set('Authorization', staff.auth);

    const first = await cancel();
    const repeat = await cancel();

    expect(linesOf(first.headers['x-request-id']).filter((line) => line.outcome)).toEqual([
      expect.objectContaining({ outcome: 'event.cancelled', event_id: event.id, bookings_cancelled: 2, user_id: staff.user.id }),
    ]);
    expect(linesOf(repeat.headers['x-request-id']).filter((line) => line.outcome)).toEqual([]);
  });

  it('leaves health probes out of the request log', async () => {
    const probe = await t.http.get('/api/health/');
    expect(probe.status).toBe(200);
    expect(linesOf(probe.headers['x-request-id'])).toEqual([]);
  });

  it('uses the caller’s X-Request-Id when it is sane', async () => {
    const event = await t.make.event();
    await t.http
      .post('/api/bookings/')
      .set('Authorization', buyer.auth)
      .set('X-Request-Id', 'trace-abc.123')
      .send({ event_id: event.id, number_of_tickets: 1 });
    expect(linesOf('trace-abc.123').map((line) => line.outcome ?? line.msg)).toEqual(['booking.confirmed', 'request completed']);
  });

  it('serves Prometheus metrics at /metrics (for the scraper’s token, outside /api and the OpenAPI document)', async () => {
    const scrape = () => t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    const before = (await scrape()).text;
    const scheduled = await t.make.event({ capacity: 10 });
    const called = await t.make.event({ capacity: 10 });
    const booked = await bookTickets(t, buyer, scheduled.id, 4);
    await bookTickets(t, buyer, called.id, 1);
    await t.http.post(`/api/events/${called.id}/cancel/`).set('Authorization', (await t.make.staff()).auth);
    await bookTickets(t, buyer, scheduled.id, 20);
    await bookTickets(t, buyer, scheduled.id, 0);
    await cancelBooking(t, buyer, booked.body.booking_id);
    await bookTickets(t, buyer, scheduled.id, 3);

    const response = await scrape();

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const after = response.text;
    const grew = (series: string) => (metricValue(after, series) ?? 0) - (metricValue(before, series) ?? 0);
    expect(grew('evently_bookings_confirmed_total')).toBe(3);
    expect(grew('evently_tickets_sold_total')).toBe(8);
    expect(grew('evently_bookings_cancelled_total')).toBe(2); // one with its event, one on its own
    expect(grew('evently_bookings_rejected_total{reason="insufficient_tickets"}')).toBe(1);
    expect(grew('evently_bookings_rejected_total{reason="invalid_request"}')).toBe(1);
    expect(grew('evently_http_requests_total{method="POST",route="/api/bookings",status="201"}')).toBe(3);
    expect(grew('evently_http_request_duration_seconds_count{method="DELETE",route="/api/bookings/:bookingId",status="200"}')).toBe(1);
    expect(metricValue(after, `evently_event_utilisation_ratio{event_id="${scheduled.id}"}`)).toBe(0.3);
    expect(after).not.toContain(called.id);
    expect(metricValue(after, 'evently_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
    expect(metricValue(after, 'evently_db_pool_connections{state="waiting"}')).toBe(0); // not the scrape's own query
    expect(after).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/); // templates, never raw ids

    expect((await t.http.get('/api/metrics')).status).toBe(404);
    const openApi = await t.http.get('/api/docs-json');
    expect(Object.keys(openApi.body.paths).filter((path) => path.includes('metrics'))).toEqual([]);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/api/analytics/summary', '/api/audit', '/api/events/{eventId}/stats']),
    );
  });
});
