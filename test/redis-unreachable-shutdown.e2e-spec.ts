import { freePort } from '../src/database/free-port';
import { startConfiguredApp } from './support/configured-app';

describe('An instance whose REDIS_URL never answers', () => {
  it('still shuts down: nothing waits for Redis to come back', async () => {
    const t = await startConfiguredApp({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, LOG_LEVEL: 'silent' });
    expect((await t.http.get('/api/events/')).status).toBe(200);

    await t.close(); // hung forever while the cache-forget subscriber waited to QUIT

    expect(t.app.getHttpServer().listening).toBe(false);
  });
});
