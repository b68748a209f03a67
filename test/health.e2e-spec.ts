import { startConfiguredApp } from './support/configured-app';
import type { TestApp } from './support/test-app';
import { ADMIN_URL_VARIABLE, withClient } from './support/test-cluster';

/** Makes this file's database refuse connections and drops the ones open: the app sees it go down. */
async function setDatabaseReachable(reachable: boolean): Promise<void> {
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  await withClient(process.env[ADMIN_URL_VARIABLE]!, async (admin) => {
    await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable) await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
  });
}

describe('GET /api/health/', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The outage below makes the pool and Terminus log errors by design; keep them out of the run.
    t = await startConfiguredApp({ LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await setDatabaseReachable(true);
    await t.close();
  });

  it('answers 200 {"status": "ok", "database": "up"} without credentials', async () => {
    const response = await t.http.get('/api/health/');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 with the JSON error shape while the database is down, and 200 again once it is back', async () => {
    await setDatabaseReachable(false);

    const down = await t.http.get('/api/health');

    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: 'Service temporarily unavailable, please retry', details: { database: 'down' } });
    expect(down.headers['retry-after']).toBe('1');

    await setDatabaseReachable(true);
    expect((await t.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
