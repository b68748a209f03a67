import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Page } from 'playwright-core';

import { EventEntity } from '../src/schema/event.entity';
import { Chromium, describeInChromium, launchChromium } from './support/chromium';
import { DEFAULT_PASSWORD, TestUser } from './support/factories';
import { postBooking } from './support/requests';
import { startTestApp, TestApp } from './support/test-app';

// `UPDATE_SCREENSHOTS=1 npx jest test/admin-dashboard.e2e-spec.ts` rewrites the README's pictures;
// other runs leave docs/ alone, so a test run never changes the working tree.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', 'docs') : undefined;

describeInChromium('the dashboard browser test')('the operator’s dashboard at /admin/ in Chromium', () => {
  let t: TestApp;
  let chromium: Chromium;
  let page: Page;
  /** Console errors, failed scripts and CSP refusals: a working page has none. */
  let problems: string[];

  beforeAll(async () => {
    t = await startTestApp();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await t.close();
  });
  beforeEach(async () => {
    page = await chromium.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterEach(() => page.close());

  async function signIn(who: TestUser): Promise<void> {
    await page.goto(`${t.baseUrl}/admin/`);
    await page.getByLabel('Username').fill(who.user.username);
    await page.getByLabel('Password').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function screenshot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
  }

  const ticketsInChart = () =>
    page.$$eval('#peak-chart .ct-bar', (bars) => bars.reduce((sum, bar) => sum + Number(bar.getAttribute('ct:value')), 0));

  it('signs in as staff, creates an event, follows its sale live, edits it and cancels it', async () => {
    const staff = await t.make.staff();
    const buyer = await t.make.user();
    const earlierSales = [
      { event: await t.make.event({ name: 'Autumn Symphony', capacity: 80, startsAt: new Date('2030-05-20T18:30:00Z') }), tickets: 30 },
      { event: await t.make.event({ name: 'Comedy Night', capacity: 40, startsAt: new Date('2030-05-28T20:00:00Z') }), tickets: 40 },
    ];
    for (const { event, tickets } of earlierSales) await postBooking(t, buyer, { event_id: event.id, number_of_tickets: tickets });
    await signIn(staff);
    await page.getByText(`Signed in as ${staff.user.username}`).waitFor();
    await page.getByLabel('70 tickets booked', { exact: false }).waitFor();
    await page.locator('li.event', { hasText: 'Comedy Night' }).getByText('40 sold, 0 held, 0 available of 40').waitFor();

    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.getByLabel('Name').fill('Jazz in the Park');
    await form.getByLabel('Venue').fill('Central Park Bandshell');
    await form.getByLabel('Starts at').fill('2030-06-01T19:00');
    await form.getByLabel('Capacity').fill('120');
    await form.getByLabel('Price').fill('25.00');
    await form.getByLabel('Most tickets per booking').fill('6');
    await form.getByRole('button', { name: 'Save' }).click();
    const card = page.locator('li.event', { hasText: 'Jazz in the Park' });
    await card.getByText('0 sold, 0 held, 120 available of 120').waitFor();
    const event = await t.dataSource.getRepository(EventEntity).findOneByOrFail({ name: 'Jazz in the Park' });
    expect(event).toMatchObject({ venue: 'Central Park Bandshell', capacity: 120, price: '25.00', maxTicketsPerBooking: 6 });
    expect(event.startsAt.toISOString()).toBe('2030-06-01T19:00:00.000Z'); // this machine's zone is UTC

    // A second user buys through the API while the page is open: the page follows by itself, and
    // a keyboard user's focus stays on the button it was on.
    const editButton = card.getByRole('button', { name: 'Edit Jazz in the Park' });
    await editButton.focus();
    for (const tickets of [4, 6, 2]) {
      expect((await postBooking(t, buyer, { event_id: event.id, number_of_tickets: tickets })).status).toBe(201);
    }
    await card.getByText('12 sold, 0 held, 108 available of 120').waitFor();
    expect(await editButton.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
    expect(await card.locator('.bar .sold').getAttribute('style')).toBe('width: 10%;');
    await page.getByLabel('82 tickets booked', { exact: false }).waitFor();
    expect(await ticketsInChart()).toBe(82);
    expect(await page.locator('#summary div', { hasText: 'Tickets sold' }).locator('dd').innerText()).toBe('82');
    await screenshot('admin-dashboard.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('admin-dashboard-phone.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    await editButton.click();
    const edit = page.getByRole('dialog', { name: 'Edit Jazz in the Park' });
    await edit.getByLabel('Capacity').fill('150');
    await edit.getByRole('button', { name: 'Save' }).click();
    await card.getByText('12 sold, 0 held, 138 available of 150').waitFor();

    page.once('dialog', (confirm) => void confirm.accept());
    await card.getByRole('button', { name: 'Cancel event Jazz in the Park' }).click();
    await page.getByText('Cancelled “Jazz in the Park” and its bookings.').waitFor();
    await card.waitFor({ state: 'detached' }); // the list shows upcoming events only
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 150, available: 150, confirmed: 0 });
    expect(await t.dataSource.getRepository(EventEntity).findOneByOrFail({ id: event.id })).toMatchObject({ status: 'cancelled' });
    expect(problems).toEqual([]);
  });

  it('says why a capacity below the tickets sold is refused, and changes nothing', async () => {
    const staff = await t.make.staff();
    const event = await t.make.event({ name: 'Sold Out Show', capacity: 10 });
    await postBooking(t, await t.make.user(), { event_id: event.id, number_of_tickets: 8 });
    await signIn(staff);

    await page.locator('li.event', { hasText: 'Sold Out Show' }).getByRole('button', { name: 'Edit Sold Out Show' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Sold Out Show' });
    await edit.getByLabel('Capacity').fill('5');
    await edit.getByRole('button', { name: 'Save' }).click();

    await edit.getByRole('alert').getByText('Capacity cannot be below the tickets already sold').waitFor();
    expect(await t.make.ledger(event.id)).toEqual({ capacity: 10, available: 2, confirmed: 8 });
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]); // the browser logs the refused request
  });

  it('works from the keyboard: sign in with Enter, open the event form, Escape closes it and focus comes back', async () => {
    const staff = await t.make.staff();
    await page.goto(`${t.baseUrl}/admin/`);

    await page.getByLabel('Username').focus(); // the page puts focus there itself; this makes the start explicit
    await page.keyboard.type(staff.user.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEFAULT_PASSWORD);
    await page.keyboard.press('Enter');
    const newEvent = page.getByRole('button', { name: 'New event' });
    await newEvent.waitFor();
    await newEvent.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog', { name: 'New event' });
    await form.waitFor();
    expect(await form.getByLabel('Name').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true); // focus moved into the dialog

    await page.keyboard.press('Escape');

    await form.waitFor({ state: 'hidden' });
    expect(await newEvent.evaluate((button) => button === button.ownerDocument.activeElement)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('turns away a user who is not staff, with the reason, and keeps no session', async () => {
    const user = await t.make.user();
    await signIn(user);

    await page.getByText('This dashboard is for staff accounts.').waitFor();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect((await page.request.get(`${t.baseUrl}/api/auth/me/`)).status()).toBe(401);
  });
});
