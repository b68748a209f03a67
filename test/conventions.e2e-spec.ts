import { startTestApp, TestApp } from './support/test-app';

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers every route with and without the trailing slash, without redirecting', async () => {
    const event = await t.make.event();
    const withSlash = await t.http.get(`/api/events/${event.id}/availability/`);
    const withoutSlash = await t.http.get(`/api/events/${event.id}/availability`);
    expect(withSlash.status).toBe(200);
    expect(withoutSlash.status).toBe(200);
    expect(withSlash.body).toEqual(withoutSlash.body);
  });

  it('answers an unknown route with a 404 JSON error', async () => {
    const response = await t.http.get('/api/no-such-thing/');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'Not found.' });
  });
});
