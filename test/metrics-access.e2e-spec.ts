import { AnalyticsRepository } from '../src/analytics/analytics.repository';
import { startConfiguredApp } from './support/configured-app';
import type { TestApp } from './support/test-app';

const METRICS_TOKEN = 'scraper-token-of-at-least-32-characters';

describe('GET /metrics: staff or the scraper’s token only, database gauges cached', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startConfiguredApp({ METRICS_TOKEN })));
  afterAll(() => t.close());

  const scrape = (authorization?: string) => {
    const call = t.http.get('/metrics');
    return authorization === undefined ? call : call.set('Authorization', authorization);
  };

  it('answers 401 without credentials or with a wrong token, and 403 to a caller who is not staff', async () => {
    const anonymous = await scrape();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: 'Authentication credentials were not provided.' });
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Token ${METRICS_TOKEN}`)).status).toBe(401);
    const buyer = await t.make.user();
    const forbidden = await scrape(buyer.auth);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ error: 'You do not have permission to perform this action.' });
  });

  it('serves the scraper’s Bearer token and staff', async () => {
    const staff = await t.make.staff();
    for (const authorization of [`Bearer ${METRICS_TOKEN}`, staff.auth]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(200);
      expect(response.text).toContain('evently_http_requests_total');
    }
  });

  it('runs the utilisation query at most once for scrapes within METRICS_CACHE_TTL_MS (default 5 s)', async () => {
    const queries = jest.spyOn(t.app.get(AnalyticsRepository), 'scheduledEventUtilisation');

    for (let scrapeNumber = 0; scrapeNumber < 5; scrapeNumber++) expect((await scrape(`Bearer ${METRICS_TOKEN}`)).status).toBe(200);

    expect(queries.mock.calls.length).toBeLessThanOrEqual(1);
    queries.mockRestore();
  });
});
