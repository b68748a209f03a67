import { startConfiguredApp } from './support/configured-app';
import type { TestApp } from './support/test-app';

const SETTINGS = { AUTH_RATE_LIMIT_PER_MINUTE: '3' };

describe('Rate limits on login and token endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startConfiguredApp(SETTINGS);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once a client exceeds the per-minute limit, and leaves reads alone', async () => {
    const attempts = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      attempts.push(await t.http.post('/api/auth/token/').send({ username: 'nobody', password: 'wrong-password' }));
    }

    expect(attempts.slice(0, 3).map((response) => response.status)).toEqual([400, 400, 400]);
    expect(attempts[3].status).toBe(429);
    expect(attempts[3].body).toEqual({ error: 'Too many requests.' });
    expect(Number(attempts[3].headers['retry-after'])).toBeGreaterThan(0);
    const event = await t.make.event();
    expect((await t.http.get(`/api/events/${event.id}/availability/`)).status).toBe(200);
  });
});
