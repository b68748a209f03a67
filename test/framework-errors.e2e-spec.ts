import { RawAnswer, sendRaw } from './support/raw-http';
import { startTestApp, TestApp } from './support/test-app';

const REQUEST_ID = /^[0-9a-f-]{36}$/;

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
  beforeAll(async () => {
    t = await startTestApp();
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

  it('answers an unknown route, method or request target with 404', async () => {
    expectErrorAnswerOfTheApp(await t.http.get('/api/no-such-route/'), 404, { error: 'Not found.' });
    expectErrorAnswerOfTheApp(await t.http.put('/api/events/'), 404, { error: 'Not found.' });
    const extensionMethod = await sendRaw(t.baseUrl, 'PROPFIND /api/events/ HTTP/1.1\r\nHost: evently\r\nConnection: close\r\n\r\n');
    expectErrorAnswerOfTheApp(parsed(extensionMethod), 404, { error: 'Not found.' });
    // Nest's adapter sends a target that is not a path to the not-found handler before the app's hooks run.
    const asterisk = await sendRaw(t.baseUrl, 'OPTIONS * HTTP/1.1\r\nHost: evently\r\nConnection: close\r\n\r\n');
    expectErrorAnswerOfTheApp(parsed(asterisk), 404, { error: 'Not found.' });
  });
});
