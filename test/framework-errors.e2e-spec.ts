import { startConfiguredApp } from './support/configured-app';
import { TestUser } from './support/factories';
import { RawAnswer, RawConnection, sendRaw } from './support/raw-http';
import type { TestApp } from './support/test-app';

// Short, so the request-timeout test waits about a second, not Node's minute.
const SETTINGS = { REQUEST_TIMEOUT_MS: '1000' };

const REQUEST_ID = /^[0-9a-f-]{36}$/;
const MALFORMED_ID = 'not-a-uuid';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * Issue 21: Fastify (and Node under it) answered some requests itself, before any hook of the app
 * ran, in its own body shape and without the request id or the security headers. Every answer is
 * the error table's `{error, details?}` (contract: Conventions) with an `X-Request-Id` (Operations).
 */
describe('Answers the HTTP framework gives before the app sees a request go through the error table', () => {
  let t: TestApp;
  let staff: TestUser;
  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
    staff = await t.make.staff();
  });
  afterAll(() => t.close());

  function expectErrorAnswerOfTheApp(answer: Answer, status: number, body: object): void {
    expect({ status: answer.status, body: answer.body }).toEqual({ status, body });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['x-request-id']).toMatch(REQUEST_ID);
    expect(answer.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  }

  const parsed = (answer: RawAnswer): Answer => ({ ...answer, body: JSON.parse(answer.body) });

  /** Every route with an id in its path, as the server publishes them (`/api/holds/{holdId}`). */
  async function parameterisedRoutes(): Promise<{ method: 'get' | 'post' | 'patch' | 'delete'; path: string }[]> {
    const document = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(document.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method: method as 'get', path })));
  }

  /** Each parameterised route answers `id` exactly as it answers a malformed id: 401 without credentials, the resource's 404 with them. */
  async function expectReadAsMalformedId(id: string): Promise<void> {
    const routes = await parameterisedRoutes();
    expect(routes.map(({ path }) => path)).toEqual(expect.arrayContaining(['/api/holds/{holdId}', '/api/waitlist/{entryId}']));
    for (const { method, path } of routes) {
      for (const auth of [staff.auth, undefined]) {
        const send = (pathId: string) => {
          const call = t.http[method](path.replace(/\{\w+\}/, pathId));
          return (auth ? call.set('Authorization', auth) : call).send(method === 'post' || method === 'patch' ? {} : undefined);
        };
        const malformed = await send(MALFORMED_ID);
        const unreadable = await send(id);
        expect({ route: `${method} ${path}`, status: unreadable.status, body: unreadable.body }).toEqual({
          route: `${method} ${path}`,
          status: malformed.status,
          body: malformed.body,
        });
        expectErrorAnswerOfTheApp(unreadable, malformed.status, malformed.body);
        if (auth) expect(unreadable.status).toBe(404);
      }
    }
  }

  it('answers a path id with a bad percent-escape as the malformed id it is, on every parameterised route', async () => {
    await expectReadAsMalformedId('%zz');
    await expectReadAsMalformedId('%E0%A4%A');
    const hold = await t.http.get('/api/holds/%zz/').set('Authorization', staff.auth);
    expectErrorAnswerOfTheApp(hold, 404, { error: 'Hold not found' });
    // Outside an id, an unreadable segment names no route.
    expectErrorAnswerOfTheApp(await t.http.get('/api/ho%zzlds/'), 404, { error: 'Not found.' });
  });

  it('answers a path id past the router’s length limit as the malformed id it is, on every parameterised route', async () => {
    await expectReadAsMalformedId('x'.repeat(600));
    const entry = await t.http.get(`/api/waitlist/${'x'.repeat(600)}/`).set('Authorization', staff.auth);
    expectErrorAnswerOfTheApp(entry, 404, { error: 'Waiting list entry not found' });
  });

  it('answers an unknown route, method or request target with 404', async () => {
    expectErrorAnswerOfTheApp(await t.http.get('/api/no-such-route/'), 404, { error: 'Not found.' });
    expectErrorAnswerOfTheApp(await t.http.put('/api/events/'), 404, { error: 'Not found.' });
    const extensionMethod = await sendRaw(t.baseUrl, 'PROPFIND /api/events/ HTTP/1.1\r\nHost: evently\r\nConnection: close\r\n\r\n');
    expectErrorAnswerOfTheApp(parsed(extensionMethod), 404, { error: 'Not found.' });
    // Nest's adapter sends a target that is not a path to the not-found handler before the app's hooks run.
    const asterisk = await sendRaw(t.baseUrl, 'OPTIONS * HTTP/1.1\r\nHost: evently\r\nConnection: close\r\n\r\n');
    expectErrorAnswerOfTheApp(parsed(asterisk), 404, { error: 'Not found.' });
  });

  it('answers a request Node’s HTTP parser cannot read (not HTTP, a method it does not know) with 400', async () => {
    for (const request of ['FOO /api/events/ HTTP/1.1\r\nHost: evently\r\n\r\n', 'hello\r\n\r\n']) {
      expectErrorAnswerOfTheApp(parsed(await sendRaw(t.baseUrl, request)), 400, { error: 'Malformed HTTP request.' });
    }
  });

  it('answers headers past Node’s 16 KB limit with 431', async () => {
    const answer = await sendRaw(t.baseUrl, `GET /api/events/ HTTP/1.1\r\nHost: evently\r\nX-Padding: ${'y'.repeat(20_000)}\r\n\r\n`);
    expectErrorAnswerOfTheApp(parsed(answer), 431, { error: 'Request headers too large.' });
  });

  it('answers an Expect header other than 100-continue with 417', async () => {
    const answer = await sendRaw(t.baseUrl, 'GET /api/events/ HTTP/1.1\r\nHost: evently\r\nExpect: the-moon\r\n\r\n');
    expectErrorAnswerOfTheApp(parsed(answer), 417, { error: 'Only "Expect: 100-continue" is supported.' });
  });

  it('answers a request not received within REQUEST_TIMEOUT_MS with 408 and closes the connection', async () => {
    const connection = await RawConnection.open(t.baseUrl);
    connection.write(
      'POST /api/auth/register/ HTTP/1.1\r\nHost: evently\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"user',
    );
    expectErrorAnswerOfTheApp(parsed(await connection.answer(5_000)), 408, { error: 'Request not received in time.' });
  });

  it('answers a request that arrives while the app is closing with 503 and Retry-After', async () => {
    const closing = await startConfiguredApp(SETTINGS);
    const connection = await RawConnection.open(closing.baseUrl);
    // Half a request keeps the connection busy, so closing the server does not cut it.
    connection.write('GET /api/events/ HTTP/1.1\r\nHost: evently\r\n');
    const closed = closing.close();
    const server = closing.app.getHttpServer();
    while (server.listening) await new Promise((settle) => setTimeout(settle, 5));
    connection.write('\r\n');

    const answer = parsed(await connection.answer());
    await closed;

    expectErrorAnswerOfTheApp(answer, 503, { error: 'Service temporarily unavailable, please retry' });
    expect(answer.headers).toMatchObject({ 'retry-after': '1', connection: 'close' });
  });
});
