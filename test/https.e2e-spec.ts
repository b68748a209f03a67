import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:tls';

import request from 'supertest';

import { makeServerCertificate } from './support/certificates';
import { startConfiguredApp } from './support/configured-app';
import { DEFAULT_PASSWORD } from './support/factories';
import type { TestApp } from './support/test-app';

const certificate = makeServerCertificate();

/** Each app reads TLS_* and TRUST_PROXY when its HTTP adapter is made, so one file can start several. */
async function startWith(settings: Record<string, string | undefined>): Promise<TestApp> {
  for (const name of ['TLS_CERT_FILE', 'TLS_KEY_FILE']) delete process.env[name];
  return startConfiguredApp(
    Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Record<string, string>,
  );
}

describe('HTTPS: Evently serving TLS itself, HSTS and the Secure cookie only over HTTPS', () => {
  let direct: TestApp; // TLS_CERT_FILE/TLS_KEY_FILE, no proxy trusted
  let behindProxy: TestApp; // plain HTTP, TRUST_PROXY=1 (the test client stands for the proxy)
  let plain: TestApp; // plain HTTP, no proxy trusted
  let https: ReturnType<typeof request>;

  beforeAll(async () => {
    direct = await startWith({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile, TRUST_PROXY: '0' });
    https = request(direct.baseUrl.replace(/^http:/, 'https:'));
    behindProxy = await startWith({ TRUST_PROXY: '1' });
    plain = await startWith({ TRUST_PROXY: '0' });
  });
  afterAll(async () => {
    await Promise.all([direct, behindProxy, plain].map((app) => app?.close()));
  });

  const login = async (http: ReturnType<typeof request>, app: TestApp, headers: Record<string, string> = {}) => {
    const { user } = await app.make.user();
    const call = http.post('/api/auth/login/').ca(certificate.ca).set(headers);
    return call.send({ username: user.username, password: DEFAULT_PASSWORD });
  };

  it('answers over TLS with the certificate of TLS_CERT_FILE, verified against its CA', async () => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(direct.baseUrl).port), ca: certificate.ca, servername: 'localhost' });
    await once(socket, 'secureConnect');
    const presented = socket.getPeerX509Certificate();
    socket.destroy();
    expect(presented?.fingerprint256).toBe(new X509Certificate(certificate.cert).fingerprint256);
    expect((await https.get('/api/health/').ca(certificate.ca)).status).toBe(200);
  });

  it('sends HSTS and a Secure session cookie over its own TLS, whatever X-Forwarded-Proto a client writes', async () => {
    const answer = await https.get('/api/events/').ca(certificate.ca).set('X-Forwarded-Proto', 'http');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const cookie = String((await login(https, direct, { 'X-Forwarded-Proto': 'http' })).headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
  });

  it('sends no HSTS and no Secure cookie over plain HTTP', async () => {
    for (const app of [plain, behindProxy]) {
      const answer = await app.http.get('/api/events/');
      expect(answer.headers['x-content-type-options']).toBe('nosniff'); // helmet's other headers stay
      expect(answer.headers['strict-transport-security']).toBeUndefined();
      const cookie = String((await login(app.http, app)).headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).not.toMatch(/Secure/);
    }
  });

  it('behind a trusted proxy, believes its X-Forwarded-Proto: https (HSTS, Secure cookie)', async () => {
    const answer = await behindProxy.http.get('/api/events/').set('X-Forwarded-Proto', 'https');
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String((await login(behindProxy.http, behindProxy, { 'X-Forwarded-Proto': 'https' })).headers['set-cookie'])).toMatch(
      /; Secure/,
    );
  });

  it('ignores X-Forwarded-Proto from a peer it does not trust', async () => {
    const answer = await plain.http.get('/api/events/').set('X-Forwarded-Proto', 'https');
    expect(answer.headers['strict-transport-security']).toBeUndefined();
    expect(String((await login(plain.http, plain, { 'X-Forwarded-Proto': 'https' })).headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
