import request from 'supertest';

import { AuthService } from '../src/auth/auth.service';
import { AuthTokensRepository } from '../src/auth/auth-tokens.repository';
import { DEFAULT_PASSWORD } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('Authentication', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('registers a regular user (201), refuses weak passwords (400) and taken names ignoring case (409)', async () => {
    const created = await t.http
      .post('/api/auth/register/')
      .send({ username: 'Carol', password: 'sunny-meadow-7', email: 'carol@example.com' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ user_id: expect.any(String), username: 'Carol', email: 'carol@example.com', is_staff: false });

    const weak = await t.http.post('/api/auth/register/').send({ username: 'dave', password: '12345678' });
    expect(weak.status).toBe(400);
    expect(weak.body.details.password).toContain('password must not be entirely numeric');

    const taken = await t.http.post('/api/auth/register/').send({ username: 'carol', password: 'another-pass-9' });
    expect(taken.status).toBe(409);
    const staffAttempt = await t.http.post('/api/auth/register/').send({ username: 'eve', password: 'sneaky-pass-9', is_staff: true });
    expect(staffAttempt.status).toBe(400);
  });

  it('gives a name to one of several sign-ups racing for it and answers the others 409, not 500', async () => {
    // All pass the existence check before any has hashed its password, so the unique index decides.
    const racers = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        t.http.post('/api/auth/register/').send({ username: 'Photo-Finish', password: `close-race-${index}9` }),
      ),
    );
    expect(racers.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(racers.filter((response) => response.status === 409).map((response) => response.body)).toEqual(
      Array(4).fill({ error: 'A user with that username already exists.' }),
    );
  });

  it('issues keys that work as Token and Bearer, and revokes the key used', async () => {
    const { user } = await t.make.user();
    const issued = await t.http.post('/api/auth/token/').send({ username: user.username.toUpperCase(), password: DEFAULT_PASSWORD });
    expect(issued.status).toBe(200);
    expect(issued.body.user_id).toBe(user.id);
    const key = issued.body.token;

    for (const scheme of ['Token', 'Bearer']) {
      expect((await t.http.get('/api/auth/me/').set('Authorization', `${scheme} ${key}`)).body.user_id).toBe(user.id);
    }
    const [{ key_hash }] = await t.dataSource.query(
      'SELECT key_hash FROM auth_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [user.id],
    );
    expect(key_hash).not.toContain(key);

    expect((await t.http.delete('/api/auth/token/').set('Authorization', `Token ${key}`)).status).toBe(204);
    const revoked = await t.http.get('/api/auth/me/').set('Authorization', `Token ${key}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ error: 'Invalid token.' });
  });

  it('answers bad credentials on /token with 400 and missing fields with field details', async () => {
    const { user } = await t.make.user();
    for (const username of [user.username, 'no-such-user']) {
      const response = await t.http.post('/api/auth/token/').send({ username, password: 'wrong-password' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'Unable to log in with provided credentials.' });
    }
    const missing = await t.http.post('/api/auth/token/').send({ username: user.username });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toHaveProperty('password');
  });

  it('answers 401 with WWW-Authenticate: Token without credentials or with a bad key', async () => {
    const none = await t.http.get('/api/bookings/');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Token');
    expect(none.body).toEqual({ error: 'Authentication credentials were not provided.' });
    const bad = await t.http.get('/api/bookings/').set('Authorization', 'Token not-a-key');
    expect(bad.body).toEqual({ error: 'Invalid token.' });
    expect(bad.headers['www-authenticate']).toBe('Token');
  });

  it('looks up the owners of keys asked for together in one query, each key getting its own owner', async () => {
    const users = await Promise.all(Array.from({ length: 20 }, () => t.make.user()));
    const auth = t.app.get(AuthService);
    const lookups = jest.spyOn(t.app.get(AuthTokensRepository), 'findUsersByKeyHashes');

    const owners = await Promise.all([...users.map((owner) => auth.userForToken(owner.token)), auth.userForToken('not-a-key')]);

    expect(owners.map((owner) => owner?.id ?? null)).toEqual([...users.map((owner) => owner.user.id), null]);
    expect(lookups).toHaveBeenCalledTimes(1);
    lookups.mockRestore();
  });

  it('logs in with a session cookie that needs the CSRF token on unsafe requests, and logs out', async () => {
    const { user } = await t.make.user();
    const event = await t.make.event({ capacity: 5 });
    const browser = request.agent(t.baseUrl);

    expect((await browser.post('/api/auth/login/').send({ username: user.username, password: 'wrong-password' })).status).toBe(401);
    const login = await browser.post('/api/auth/login/').send({ username: user.username, password: DEFAULT_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ user_id: user.id, username: user.username, is_staff: false, csrf_token: expect.any(String) });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/evently\.sid=.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM http_sessions');
    expect(count).toBeGreaterThan(0);

    expect((await browser.get('/api/auth/me/')).body.user_id).toBe(user.id);
    const body = { event_id: event.id, number_of_tickets: 1 };
    const withoutCsrf = await browser.post('/api/bookings/').send(body);
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body).toEqual({ error: 'CSRF token missing or invalid' });
    expect((await browser.post('/api/bookings/').set('X-CSRF-Token', 'wrong').send(body)).status).toBe(403);
    expect(await t.make.ledger(event.id)).toMatchObject({ confirmed: 0 });
    expect((await browser.post('/api/bookings/').set('X-CSRF-Token', login.body.csrf_token).send(body)).status).toBe(201);

    expect((await browser.post('/api/auth/logout/')).status).toBe(403);
    const logout = await browser.post('/api/auth/logout/').set('X-CSRF-Token', login.body.csrf_token);
    expect(logout.status).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(
      /^evently\.sid=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/,
    );
    expect((await browser.get('/api/auth/me/')).status).toBe(401);
  });

  it('gives a fresh session id at login, so an id planted in the browser before is worth nothing (session fixation)', async () => {
    const attacker = await t.make.user();
    const victim = await t.make.user();
    const login = (who: typeof victim, cookie = '') =>
      t.http.post('/api/auth/login/').set('Cookie', cookie).send({ username: who.user.username, password: DEFAULT_PASSWORD });
    const sessionCookieOf = (response: request.Response) => String(response.headers['set-cookie']).split(';')[0];
    const callerWith = async (cookie: string) => (await t.http.get('/api/auth/me/').set('Cookie', cookie)).body.user_id;

    const planted = sessionCookieOf(await login(attacker));
    const victimsOwn = sessionCookieOf(await login(victim, planted));

    expect(victimsOwn).not.toBe(planted);
    expect(await callerWith(victimsOwn)).toBe(victim.user.id);
    expect(await callerWith(planted)).toBeUndefined();
  });

  it('shows a profile to its owner and to staff only (GET /api/users/{id}/)', async () => {
    const owner = await t.make.user({ email: 'owner@example.com' });
    const stranger = await t.make.user();
    const staff = await t.make.staff();
    const profile = (who: typeof owner, userId = owner.user.id) => t.http.get(`/api/users/${userId}/`).set('Authorization', who.auth);

    const own = await profile(owner);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ user_id: owner.user.id, username: owner.user.username, email: 'owner@example.com', is_staff: false });
    expect((await profile(staff)).body).toEqual(own.body);
    expect((await profile(stranger)).status).toBe(403);
    expect((await profile(staff, '00000000-0000-4000-8000-000000000000')).body).toEqual({ error: 'User not found' });
    expect((await profile(staff, 'nope')).status).toBe(404);
  });

  it('stores passwords as argon2id hashes', async () => {
    const { user } = await t.make.user();
    const [{ password_hash }] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect(password_hash).not.toContain(DEFAULT_PASSWORD);
  });
});
