import { api, ApiError, must, session } from './api.js';
import { byId, showMessage } from './dom.js';
import { EventForm } from './event-form.js';
import { EventsView } from './events-view.js';
import { SalesView } from './sales-view.js';

/** @typedef {import('./api.js').Schemas} Schemas */

// Polling, not a push channel: one list, its stats and two analytics reads every few seconds
// while the tab is visible, which an operator's screen or two can afford.
const LIVE_EVERY_MS = 3000;

const events = new EventsView({ edit: (event) => eventForm.open(event), cancel: (event) => cancelEvent(event) });
const sales = new SalesView();
const eventForm = new EventForm((saved) => {
  showMessage(`Saved “${saved.name}”.`);
  void refresh();
});

let refreshing = false;
let readAgain = false;

/**
 * Everything on the dashboard, read again; a failure is shown, and signs out on 401. A call while
 * a read runs (a save during a live update) is served by one more read after it.
 */
async function refresh() {
  if (refreshing) {
    readAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      readAgain = false;
      await Promise.all([events.refresh(), sales.refresh()]);
    } while (readAgain);
    byId('live-status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut('Your session has ended; sign in again.');
    else showMessage(/** @type {Error} */ (error).message);
  } finally {
    refreshing = false;
  }
}

/** @param {Schemas['EventResponse']} event */
async function cancelEvent(event) {
  if (!window.confirm(`Cancel “${event.name}” and every booking of it? This cannot be undone.`)) return;
  try {
    await must(api.POST('/api/events/{eventId}/cancel', { params: { path: { eventId: event.event_id } } }));
    showMessage(`Cancelled “${event.name}” and its bookings.`);
    await refresh();
  } catch (error) {
    showMessage(/** @type {Error} */ (error).message);
  }
}

/** @param {{ username: string, is_staff: boolean }} user */
function signedIn(user) {
  byId('signed-in-as').textContent = `Signed in as ${user.username}`;
  byId('account').hidden = false;
  byId('sign-in').hidden = true;
  byId('dashboard').hidden = false;
  void refresh();
}

/** @param {string} [reason] */
function signedOut(reason = '') {
  session.end();
  showMessage(reason);
  byId('account').hidden = true;
  byId('dashboard').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-in-form').querySelector('input')?.focus();
}

byId('sign-in-form').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const form = /** @type {HTMLFormElement} */ (submit.target);
  const fields = new FormData(form);
  const body = { username: String(fields.get('username')), password: String(fields.get('password')) };
  try {
    const login = await must(api.POST('/api/auth/login', { body }));
    session.start(login.csrf_token);
    if (!login.is_staff) {
      await api.POST('/api/auth/logout');
      return signedOut('This dashboard is for staff accounts.');
    }
    form.reset();
    showMessage('');
    signedIn(login);
  } catch (error) {
    showMessage(/** @type {Error} */ (error).message);
  }
});

byId('sign-out').addEventListener('click', async () => {
  await api.POST('/api/auth/logout');
  signedOut();
});

byId('new-event').addEventListener('click', () => eventForm.open());
byId('which-events').addEventListener('change', (change) => {
  events.upcomingOnly = /** @type {HTMLSelectElement} */ (change.target).value === 'upcoming';
  events.page = 1;
  void refresh();
});
byId('window-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  void refresh();
});

setInterval(() => {
  const live = /** @type {HTMLInputElement} */ (byId('live')).checked;
  if (live && session.active && !byId('dashboard').hidden && document.visibilityState === 'visible') void refresh();
}, LIVE_EVERY_MS);

// A reload goes on with the tab's session when the cookie is still good and belongs to staff.
const me = session.active ? await api.GET('/api/auth/me') : undefined;
if (me?.data?.is_staff) signedIn(me.data);
else signedOut();
