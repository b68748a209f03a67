import { Page } from 'playwright-core';

import { Chromium, describeInChromium, launchChromium } from './support/chromium';
import { startTestApp, TestApp } from './support/test-app';

describeInChromium('the Swagger UI browser test')('Swagger UI at /api/docs/ in a real browser', () => {
  let t: TestApp;
  let chromium: Chromium;

  beforeAll(async () => {
    t = await startTestApp();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await t.close();
  });

  async function authorise(page: Page, value: string): Promise<void> {
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const scheme = page.locator('.auth-container').filter({ hasText: 'token (apiKey)' });
    await scheme.locator('input').fill(value);
    await scheme.getByRole('button', { name: 'Apply credentials' }).click();
    await scheme.getByRole('button', { name: 'Remove authorization' }).waitFor(); // the page now holds the key
    await page.locator('.modal-ux .close-modal').click();
  }

  it('authorises with a token and books tickets from the page: 201 on the page and the booking in the database', async () => {
    const buyer = await t.make.user();
    const event = await t.make.event({ capacity: 10, price: '7.50' });
    const page = await chromium.browser.newPage();

    await page.goto(`${t.baseUrl}/api/docs/`);
    await authorise(page, buyer.auth);
    const operation = page.locator('#operations-bookings-BookingsController_book');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('textarea.body-param__text').fill(JSON.stringify({ event_id: event.id, number_of_tickets: 2 }));
    await operation.getByRole('button', { name: 'Execute' }).click();

    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('201');
    const shownBody = JSON.parse(await operation.locator('.live-responses-table .response-col_description pre').first().innerText());
    expect(shownBody).toMatchObject({ event_id: event.id, user_id: buyer.user.id, number_of_tickets: 2, total_amount: '15.00' });
    const [booking] = await t.make.bookingsOf(event.id);
    expect(booking).toMatchObject({ id: shownBody.booking_id, userId: buyer.user.id, numberOfTickets: 2, status: 'confirmed' });
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 8, confirmed: 2 });
  });
});
