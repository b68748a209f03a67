import type { TestApp } from './support/test-app';

// Read at start-up, so set before the app module is loaded.
process.env.TOKEN_CACHE_TTL_MS = '300';

describe('Token checks cached for a moment', () => {
  let t: TestApp;
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startTestApp } = require('./support/test-app') as typeof import('./support/test-app');
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('stop accepting a key revoked by another instance once the TTL has passed', async () => {
    const { user, auth } = await t.make.user();
    const me = () => t.http.get('/api/auth/me/').set('Authorization', auth);
    expect((await me()).status).toBe(200);

    // What DELETE /api/auth/token/ on another instance does to the shared database.
    await t.dataSource.query('DELETE FROM auth_tokens WHERE user_id = $1', [user.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const afterTtl = await me();
    expect(afterTtl.status).toBe(401);
    expect(afterTtl.body).toEqual({ error: 'Invalid token.' });
  });
});
