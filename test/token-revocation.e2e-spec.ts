import { startConfiguredApp } from './support/configured-app';
import type { TestApp } from './support/test-app';

describe('Token checks cached for a moment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startConfiguredApp({ TOKEN_CACHE_TTL_MS: '300' });
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
