import { startConfiguredApp } from './support/configured-app';
import { DEFAULT_PASSWORD, TestUser } from './support/factories';
import { bookTickets, cancelBooking } from './support/requests';
import type { TestApp } from './support/test-app';

const SETTINGS = {
  TRUST_PROXY: '1',
  CORS_ORIGINS: 'https://admin.example.com,http://localhost:5173',
  FAILED_LOGIN_LIMIT: '3',
  BOOKING_RATE_LIMIT_PER_MINUTE: '4',
};

const ADMIN = 'https://admin.example.com';

describe('Security: headers, CORS, cookies, failed-login and booking-write limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
  });
  afterAll(() => t.close());

  describe('security headers (helmet)', () => {
    it('sends helmet’s headers on API answers and errors', async () => {
      for (const response of [await t.http.get('/api/events/'), await t.http.get('/api/no-such-route/')]) {
        expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' });
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('keeps Swagger UI working under the CSP: only same-origin scripts, all served', async () => {
      const page = await t.http.get('/api/docs/');
      expect(page.status).toBe(200);
      const csp = page.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const scripts = [...page.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(inline.trim()).toBe(''); // an inline script would be blocked by script-src 'self'
        const source = /src=["']\.?\/?([^"']+)["']/.exec(attributes)![1];
        expect(source).not.toMatch(/^https?:/);
        expect((await t.http.get(`/api/docs/${source}`)).status).toBe(200);
      }
      expect((await t.http.get('/api/docs-json')).status).toBe(200);
    });
  });

  describe('CORS allow-list', () => {
    it('lets a listed origin call with credentials and preflight our headers', async () => {
      const simple = await t.http.get('/api/events/').set('Origin', ADMIN);
      expect(simple.headers['access-control-allow-origin']).toBe(ADMIN);
      expect(simple.headers['access-control-allow-credentials']).toBe('true');

      const preflight = await t.http
        .options('/api/bookings/')
        .set('Origin', ADMIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type,x-csrf-token,idempotency-key');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(ADMIN);
      expect(preflight.headers['access-control-allow-headers']).toContain('idempotency-key');
    });

    it('gives an unlisted origin no CORS headers at all', async () => {
      const response = await t.http.get('/api/events/').set('Origin', 'https://evil.example.net');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('session cookie', () => {
    it('is HttpOnly and SameSite=Lax always, and Secure when the proxy says the request came over HTTPS', async () => {
      const { user } = await t.make.user();
      const login = (proto?: string) => {
        const call = t.http.post('/api/auth/login/').set('X-Forwarded-For', '198.51.100.7');
        return (proto ? call.set('X-Forwarded-Proto', proto) : call).send({ username: user.username, password: DEFAULT_PASSWORD });
      };
      const overHttps = String((await login('https')).headers['set-cookie']);
      const overHttp = String((await login()).headers['set-cookie']);

      expect(overHttps).toMatch(/HttpOnly/);
      expect(overHttps).toMatch(/SameSite=Lax/);
      expect(overHttps).toMatch(/; Secure/);
      expect(overHttp).toMatch(/HttpOnly/);
      expect(overHttp).not.toMatch(/Secure/);
    });
  });

  describe('pagination links behind the proxy (TRUST_PROXY=1)', () => {
    it('builds next and previous from the scheme and host the proxy forwarded', async () => {
      const owner = await t.make.user();
      const event = await t.make.event({ capacity: 10 });
      for (let booking = 0; booking < 3; booking++) {
        await t.http.post('/api/bookings/').set('Authorization', owner.auth).send({ event_id: event.id, number_of_tickets: 1 });
      }

      const response = await t.http
        .get(`/api/users/${owner.user.id}/bookings/?page=2&page_size=1`)
        .set('Authorization', owner.auth)
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-Host', 'tickets.example.com');

      const base = `https://tickets.example.com/api/users/${owner.user.id}/bookings/`;
      expect(response.body.next).toBe(`${base}?page=3&page_size=1`);
      expect(response.body.previous).toBe(`${base}?page=1&page_size=1`);
    });
  });

  describe('failed logins: at most 3 (configured) per username and client IP per window', () => {
    const token = (username: string, password: string, ip: string) =>
      t.http.post('/api/auth/token/').set('X-Forwarded-For', ip).send({ username, password });
    const login = (username: string, password: string, ip: string) =>
      t.http.post('/api/auth/login/').set('X-Forwarded-For', ip).send({ username, password });

    it('counts token and session failures together, then refuses even the right password with 429', async () => {
      const { user } = await t.make.user();
      const statuses = [
        (await token(user.username, 'wrong-1', '203.0.113.1')).status,
        (await login(user.username.toUpperCase(), 'wrong-2', '203.0.113.1')).status,
        (await token(user.username, 'wrong-3', '203.0.113.1')).status,
      ];
      const refused = await token(user.username, DEFAULT_PASSWORD, '203.0.113.1');

      expect(statuses).toEqual([400, 401, 400]);
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: 'Too many requests.' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect((await token(user.username, DEFAULT_PASSWORD, '203.0.113.2')).status).toBe(200);
    });

    it('keeps the lockout when the client writes its own X-Forwarded-For (TRUST_PROXY=1: the proxy’s entry counts)', async () => {
      const { user } = await t.make.user();
      // The test plays the one load balancer: it appends the address it saw to what the client sent.
      for (let attempt = 0; attempt < 3; attempt++) await login(user.username, 'wrong', '203.0.113.9');

      const forged = await login(user.username, DEFAULT_PASSWORD, '9.9.9.9, 203.0.113.9');

      expect(forged.status).toBe(429);
      expect((await login(user.username, DEFAULT_PASSWORD, '203.0.113.10')).status).toBe(200);
    });

    it('treats an unknown username exactly like a known one', async () => {
      const answers = [];
      for (let attempt = 0; attempt < 4; attempt++) answers.push((await token('nobody-here', 'wrong', '203.0.113.3')).status);
      expect(answers).toEqual([400, 400, 400, 429]);
    });

    it('does not count successful logins', async () => {
      const { user } = await t.make.user();
      const statuses = [];
      for (let attempt = 0; attempt < 5; attempt++) statuses.push((await token(user.username, DEFAULT_PASSWORD, '203.0.113.4')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    });
  });

  describe('booking writes: at most 4 (configured) per user per minute', () => {
    it('answers the 5th booking write of a user with 429 and books nothing, leaving other users alone', async () => {
      const event = await t.make.event({ capacity: 50 });
      const buyer: TestUser = await t.make.user();

      const first = await bookTickets(t, buyer, event.id, 1);
      await cancelBooking(t, buyer, first.body.booking_id);
      await bookTickets(t, buyer, event.id, 1);
      await bookTickets(t, buyer, event.id, 1);
      const limited = await bookTickets(t, buyer, event.id, 1);

      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ error: 'Too many requests.' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(await t.make.ledger(event.id)).toEqual({ capacity: 50, available: 48, confirmed: 2 });
      expect((await bookTickets(t, await t.make.user(), event.id, 1)).status).toBe(201);
      expect((await t.http.get('/api/bookings/').set('Authorization', buyer.auth)).status).toBe(200);
    });
  });
});
