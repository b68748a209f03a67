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

  /** The page as a first visit sees it: the authorisation an earlier test left (persistAuthorization) is cleared. */
  async function openSwaggerUi(): Promise<Page> {
    const page = await chromium.browser.newPage();
    await page.goto(`${t.baseUrl}/api/docs/`);
    await page.evaluate('localStorage.clear()');
    await page.reload();
    return page;
  }

  async function authorise(page: Page, value: string): Promise<void> {
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const scheme = page.locator('.auth-container').filter({ hasText: 'token (apiKey)' });
    await scheme.locator('input').fill(value);
    await scheme.getByRole('button', { name: 'Apply credentials' }).click();
    await scheme.getByRole('button', { name: 'Remove authorization' }).waitFor(); // the page now holds the key
    await page.locator('.modal-ux .close-modal').click();
  }

  it('shows no padlock on the public routes (register, the event list, health) and one on a protected route', async () => {
    const page = await openSwaggerUi();
    const padlocks = (operation: string) => page.locator(`#operations-${operation} .opblock-summary .authorization__btn`);
    await page.locator('#operations-bookings-BookingsController_book').waitFor();

    for (const open of ['auth-AuthController_register', 'events-EventsController_list', 'operations-HealthController_check']) {
      expect({ [open]: await padlocks(open).count() }).toEqual({ [open]: 0 });
    }
    expect(await padlocks('bookings-BookingsController_book').count()).toBe(1);
  });

  it('starts the Try it out body of a hold from what a buyer sends: with its event put in, the buyer’s hold is made (201), not refused for a staff-only user_id', async () => {
    const buyer = await t.make.user();
    const event = await t.make.event({ capacity: 10 });
    const page = await openSwaggerUi();

    await authorise(page, buyer.auth);
    const operation = page.locator('#operations-holds-HoldsController_hold');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const bodyField = operation.locator('textarea.body-param__text');
    const offered = JSON.parse(await bodyField.inputValue()) as Record<string, unknown>;
    expect(offered).not.toHaveProperty('user_id');
    await bodyField.fill(JSON.stringify({ ...offered, event_id: event.id }));
    await operation.getByRole('button', { name: 'Execute' }).click();

    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('201');
    expect(await t.make.ledger(event.id)).toMatchObject({ capacity: 10, available: 10 - Number(offered.number_of_tickets) });
  });

  it('authorises with a token and books tickets from the page: 201 on the page and the booking in the database', async () => {
    const buyer = await t.make.user();
    const event = await t.make.event({ capacity: 10, price: '7.50' });
    const page = await openSwaggerUi();

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
