import fc from 'fast-check';
import request from 'supertest';

import { hashTokenKey } from '../src/auth/token-keys';
import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { databaseFingerprint } from './support/fingerprint';
import { bookTickets } from './support/requests';
import type { TestApp } from './support/test-app';

// The fuzzer calls login and booking routes far more often than any limit allows; the limits
// have their own tests. Behind one proxy, so the X-Forwarded-For it rotates is read.
const SETTINGS = {
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  FAILED_LOGIN_LIMIT: '1000000',
  BOOKING_RATE_LIMIT_PER_MINUTE: '1000000',
  TRUST_PROXY: '1',
};

const RUNS = 1200;
// Logged, so any run can be replayed: FUZZ_SEED=<seed> npx jest test/fuzz.e2e-spec.ts
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const REAL_ID = 'a real id';
const EVENT_PLACEHOLDER = 'the real event';

type Method = 'get' | 'post' | 'patch' | 'delete';
interface Route {
  method: Method;
  /** `:id` is replaced by a generated path id. */
  path: string;
}

const BOOK: Route = { method: 'post', path: '/api/bookings/' };
const CREATE_EVENT: Route = { method: 'post', path: '/api/events/' };
const PATCH_EVENT: Route = { method: 'patch', path: '/api/events/:id/' };
const ROUTES: Route[] = [
  { method: 'post', path: '/api/auth/register/' },
  { method: 'post', path: '/api/auth/token/' },
  { method: 'delete', path: '/api/auth/token/' },
  { method: 'post', path: '/api/auth/login/' },
  { method: 'post', path: '/api/auth/logout/' },
  { method: 'get', path: '/api/auth/me/' },
  { method: 'get', path: '/api/events/' },
  CREATE_EVENT,
  { method: 'get', path: '/api/events/:id/' },
  PATCH_EVENT,
  { method: 'post', path: '/api/events/:id/cancel/' },
  { method: 'get', path: '/api/events/:id/availability/' },
  BOOK,
  { method: 'get', path: '/api/bookings/' },
  { method: 'get', path: '/api/bookings/:id/' },
  { method: 'delete', path: '/api/bookings/:id/' },
  { method: 'get', path: '/api/users/:id/' },
  { method: 'get', path: '/api/users/:id/bookings/' },
  { method: 'get', path: '/api/health/' },
  { method: 'get', path: '/api/audit/' },
  { method: 'get', path: '/api/analytics/summary/' },
  { method: 'get', path: '/api/analytics/peak-times/' },
  { method: 'get', path: '/api/events/:id/stats/' },
];

/** Field names the DTOs know, so generated bodies often get past "unknown field" to the real checks. */
const FIELDS = [
  'username',
  'password',
  'email',
  'user_id',
  'event_id',
  'number_of_tickets',
  'name',
  'description',
  'venue',
  'starts_at',
  'capacity',
  'price',
  'max_tickets_per_booking',
  'status',
  'is_staff',
];
const QUERY_NAMES = ['page', 'page_size', 'upcoming', 'search', 'event_id', 'user_id', 'status', 'from', 'to', 'bucket'];

/** Where integers break: int4 and safe-integer edges, the capacity limit, and what no integer is. */
const BOUNDARY_NUMBERS = [
  0,
  -1,
  1,
  1.5,
  -0.5,
  1_000_000,
  1_000_001,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 40,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  Number.MIN_VALUE,
];
const boundaryNumber = fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), fc.integer());
/** Page numbers: huge, negative, fractional, exponent forms, and ordinary ones. */
const pageNumber = fc.oneof(
  fc.constantFrom('99999999999999999999', '300000000', '2147483648', '-1', '0', '1.5', '1e3', '1e308', '-0', '01'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer({ min: 1, max: 5 }).map(String),
);
/** JSON text nested `depth` deep, bare or under a field the DTOs know. */
const deeplyNested = fc
  .tuple(fc.integer({ min: 1, max: 6_000 }), fc.constantFrom('[', '{"a":'), fc.constantFrom(...FIELDS, ''))
  .map(([depth, opener, field]) => {
    const nested = opener.repeat(depth) + (opener === '[' ? ']' : '}').repeat(depth).replace(/^}/, '1}');
    return { raw: field ? `{"${field}": ${nested}}` : nested };
  });

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 300 });

describe('Fuzzing every route with generated bodies, query strings, path ids and headers', () => {
  let t: TestApp;
  let buyer: TestUser;
  let staff: TestUser;
  let ids: string[];
  let bookableEventId: string;

  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
    buyer = await t.make.user({ username: 'fuzz_buyer' });
    staff = await t.make.staff({ username: 'fuzz_staff' });
    const stranger = await t.make.user();
    const event = await t.make.event({ capacity: 1000 });
    const booked = await bookTickets(t, stranger, event.id, 1);
    ids = [event.id, booked.body.booking_id, buyer.user.id, stranger.user.id];
    // Kept out of `ids`, so no fuzzed cancellation or PATCH closes it to the near-valid bookings.
    bookableEventId = (await t.make.event({ capacity: 100_000 })).id;
  });
  afterAll(() => t.close());

  const scalar = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    printable,
    fc.uuid(),
    fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  );
  const body = fc.oneof(
    fc.dictionary(
      fc.oneof(fc.constantFrom(...FIELDS), printable),
      fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.object({ maxDepth: 2 })),
      { maxKeys: 8 },
    ),
    // Near-valid bookings of the real event, so the fuzzer also reaches the booking transaction.
    fc.record({ event_id: fc.constant(EVENT_PLACEHOLDER), number_of_tickets: fc.oneof(fc.integer({ min: -2, max: 10 }), boundaryNumber) }),
    // Near-valid events with every numeric field at a boundary (create, and patch when sent there).
    fc.record(
      {
        name: fc.constant('Fuzzed'),
        venue: fc.constant('Hall'),
        starts_at: fc.constant('2031-01-01T19:00:00Z'),
        capacity: boundaryNumber,
        price: fc.oneof(boundaryNumber, fc.constantFrom('0.00', '99999999.99', '100000000.00', '-0.01', '1e3')),
        max_tickets_per_booking: fc.oneof(boundaryNumber, fc.constant(null)),
      },
      { requiredKeys: ['name', 'venue', 'starts_at'] },
    ),
    deeplyNested,
    fc.anything({ maxDepth: 2 }),
    printable.map((text) => ({ raw: text })),
  );
  // A path id is a real one, a stranger, text (percent-encoded), or sent raw: broken percent-encoding and the like.
  const pathId = fc.oneof(
    fc.constant(REAL_ID),
    fc.uuid().map(encodeURIComponent),
    printable.filter((text) => text.length > 0).map(encodeURIComponent),
    fc.constantFrom('%', '%E0%A4%A', '%zz', '..', '%2F', '%00', 'null', '0', '-1', 'x'.repeat(5000)),
  );
  const query = fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_NAMES), printable), fc.oneof(printable, fc.integer().map(String)), { maxKeys: 4 }),
    fc.record({ page: pageNumber, page_size: fc.oneof(pageNumber, boundaryNumber.map(String)) }, { requiredKeys: [] }),
  );
  // Booking is the route that matters most, so it gets extra runs on top of its share; so do the
  // event writes, whose bodies have the most numeric fields.
  const anyRoute = fc.oneof(
    { arbitrary: fc.constantFrom(...ROUTES), weight: 8 },
    { arbitrary: fc.constant(BOOK), weight: 2 },
    { arbitrary: fc.constantFrom(CREATE_EVENT, PATCH_EVENT), weight: 1 },
  );
  const caller = fc.constantFrom('anonymous', 'buyer', 'staff', 'garbage');
  const headers = fc.record({
    idempotencyKey: fc.option(printable, { nil: undefined }),
    csrf: fc.option(printable, { nil: undefined }),
    contentType: fc.constantFrom(
      undefined,
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
    ),
    requestId: fc.option(printable, { nil: undefined }),
    // Rotating client addresses, as a proxy would append them, and garbage.
    forwardedFor: fc.option(
      fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), printable), { minLength: 1, maxLength: 4 }).map((hops) => hops.join(', ')),
      {
        nil: undefined,
      },
    ),
  });

  function send(
    route: Route,
    id: string,
    generated: unknown,
    queryParams: Record<string, string>,
    who: string,
    extra: { idempotencyKey?: string; csrf?: string; contentType?: string; requestId?: string; forwardedFor?: string },
  ) {
    const path = route.path.replace(':id', id) + toQueryString(queryParams);
    let call: request.Test = t.http[route.method](path);
    const auth = { buyer: buyer.auth, staff: staff.auth, garbage: 'Token garbage', anonymous: undefined }[who];
    if (auth) call = call.set('Authorization', auth);
    if (extra.idempotencyKey !== undefined) call = call.set('Idempotency-Key', extra.idempotencyKey);
    if (extra.csrf !== undefined) call = call.set('X-CSRF-Token', extra.csrf);
    if (extra.requestId !== undefined) call = call.set('X-Request-Id', extra.requestId);
    if (extra.forwardedFor !== undefined) call = call.set('X-Forwarded-For', extra.forwardedFor);
    const raw = (generated as { raw?: unknown } | null)?.raw;
    call = call.set('Content-Type', extra.contentType ?? 'application/json');
    return call.send(typeof raw === 'string' ? raw : (JSON.stringify(generated) ?? 'null'));
  }

  it(`never answers 5xx, always answers errors as JSON, and changes nothing on a rejected request (${RUNS} runs)`, async () => {
    process.stderr.write(`\nfuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx jest test/fuzz.e2e-spec.ts)\n`);
    let tried = 0;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(anyRoute, pathId, body, query, caller, headers, async (route, id, generated, queryParams, who, extra) => {
        const realId = id === REAL_ID ? ids[tried % ids.length] : id;
        const withEventId = fillPlaceholder(generated, bookableEventId);
        const before = await databaseFingerprint(t.dataSource);

        const response = await send(route, realId, withEventId, queryParams, who, extra);
        tried++;
        statuses.add(response.status);

        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(typeof response.body.error).toBe('string');
          expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(ts|js):\d+|QueryFailedError|SELECT /);
          expect(await databaseFingerprint(t.dataSource)).toBe(before);
        }
        if (route.path === '/api/auth/token/' && route.method === 'delete' && response.status === 204) await reissueKeys();
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(tried).toBe(RUNS);
    // The generator reaches past validation into the services, not just the first 400.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 403, 404]));
    // 1,200 requests, each with two fingerprints of the database: minutes on a busy 2-core machine.
  }, 300_000);

  /** A fuzzed `DELETE /api/auth/token/` may revoke the fuzzer's own keys; put them back. */
  async function reissueKeys(): Promise<void> {
    for (const who of [buyer, staff]) {
      await t.dataSource.query('INSERT INTO auth_tokens (user_id, key_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        who.user.id,
        hashTokenKey(who.token),
      ]);
    }
  }
});

function toQueryString(params: Record<string, string>): string {
  const entries = Object.entries(params);
  return entries.length ? `?${entries.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}` : '';
}

function fillPlaceholder(generated: unknown, eventId: string): unknown {
  if (generated && typeof generated === 'object' && (generated as { event_id?: unknown }).event_id === EVENT_PLACEHOLDER) {
    return { ...generated, event_id: eventId };
  }
  return generated;
}
