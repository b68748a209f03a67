import { Injectable } from '@nestjs/common';
import { RateLimiterMemory } from 'rate-limiter-flexible';

import { RateLimitedError } from '../src/common/errors/domain-errors';
import { FailedLoginLimiter } from '../src/rate-limits/failed-login-limiter';
import { PasswordHasher } from '../src/users/password-hasher';
import { startConfiguredApp } from './support/configured-app';
import { DEFAULT_PASSWORD } from './support/factories';
import type { TestApp } from './support/test-app';

const LIMIT = 10;
const SETTINGS = { FAILED_LOGIN_LIMIT: String(LIMIT), TRUST_PROXY: '1' };

/**
 * The order the lockout had before: look at the count, check the password, count the failure.
 * The password check is the window in which a burst looks before any of it has counted; a 200 ms
 * pause there widens it, so the control oversteps on a loaded machine too.
 */
@Injectable()
class CheckThenCountLimiter extends FailedLoginLimiter {
  private readonly failures = new RateLimiterMemory({ points: LIMIT, duration: 900 });

  override async attempt<T>(account: string, clientIp: string, verify: () => Promise<T | null>): Promise<T | null> {
    const key = `${account}|${clientIp}`;
    if (((await this.failures.get(key))?.consumedPoints ?? 0) >= LIMIT) throw new RateLimitedError(900);
    await new Promise((pause) => setTimeout(pause, 200));
    const result = await verify();
    if (result === null) await this.failures.penalty(key);
    return result;
  }
}

function burstOfWrongPasswords(t: TestApp, username: string, clientIp: string): Promise<number[]> {
  return Promise.all(
    Array.from({ length: 25 }, async (_, index) => {
      const response = await t.http
        .post('/api/auth/login/')
        .set('X-Forwarded-For', clientIp)
        .send({ username, password: `wrong-${index}` });
      return response.status;
    }),
  );
}

const notRefused = (statuses: number[]) => statuses.filter((status) => status !== 429).length;

describe('Failed-login lockout (in memory): counted before the password is checked', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startConfiguredApp(SETTINGS)));
  afterAll(() => t.close());

  it(`lets at most ${LIMIT} of a burst of 25 wrong passwords be checked; the rest are 429`, async () => {
    const { user } = await t.make.user();

    const statuses = await burstOfWrongPasswords(t, user.username, '203.0.113.20');

    expect(notRefused(statuses)).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LIMIT);
    const rightPassword = await t.http
      .post('/api/auth/login/')
      .set('X-Forwarded-For', '203.0.113.20')
      .send({ username: user.username, password: DEFAULT_PASSWORD });
    expect(rightPassword.status).toBe(429);
  });

  it('refuses a login name that breaks the sign-up rule (alİce) with the sign-up’s 400, before any password check', async () => {
    await t.make.user({ username: 'alice' });
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    const signUp = await t.http.post('/api/auth/register/').send({ username: 'alİce', password: 'sunny-meadow-7' });

    for (const route of ['/api/auth/login/', '/api/auth/token/']) {
      const login = await t.http.post(route).set('X-Forwarded-For', '203.0.113.21').send({ username: 'alİce', password: DEFAULT_PASSWORD });
      expect(login.status).toBe(400);
      expect(login.body).toEqual(signUp.body);
    }
    expect(signUp.body.details).toEqual({ username: ['username may contain only letters, digits and @ . + - _'] });
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it('counts every capitalisation of a name against the one account it matches', async () => {
    const { user } = await t.make.user({ username: 'Bob_Lockout' });
    const statuses = [];
    for (const spelling of ['bob_lockout', 'BOB_LOCKOUT', 'Bob_Lockout', 'bOb_lOcKoUt']) {
      const response = await t.http
        .post('/api/auth/token/')
        .set('X-Forwarded-For', '203.0.113.22')
        .send({ username: spelling, password: 'wrong' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400]);
    for (let attempt = 4; attempt < LIMIT; attempt++) {
      await t.http.post('/api/auth/token/').set('X-Forwarded-For', '203.0.113.22').send({ username: user.username, password: 'wrong' });
    }
    const refused = await t.http
      .post('/api/auth/token/')
      .set('X-Forwarded-For', '203.0.113.22')
      .send({ username: 'BOB_lockout', password: DEFAULT_PASSWORD });
    expect(refused.status).toBe(429);
  });
});

describe('Negative control: the old order (check, verify, then count)', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startConfiguredApp(SETTINGS, (builder) => builder.overrideProvider(FailedLoginLimiter).useClass(CheckThenCountLimiter))),
  );
  afterAll(() => t.close());

  it(`lets more than ${LIMIT} of the burst through, proving the test above can fail`, async () => {
    const { user } = await t.make.user();

    const statuses = await burstOfWrongPasswords(t, user.username, '203.0.113.30');

    expect(notRefused(statuses)).toBeGreaterThan(LIMIT);
  });
});
