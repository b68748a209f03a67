import { api, ApiError, must } from './api.js';
import { byId, element } from './dom.js';
import { formatCount, formatLocalTime, formatNumber } from './format.js';

/** @typedef {import('./api.js').Schemas} Schemas */
/** @typedef {Schemas['EventResponse']} EventResponse */
/** @typedef {Schemas['EventStatsResponse'] & { tickets_held?: number }} EventStats */
/** @typedef {{ item: HTMLLIElement, update: (event: EventResponse, stats: EventStats) => void }} Card */

const PAGE_SIZE = 10;

/**
 * The events of one page with their seats: sold, held and available.
 * Cards are updated in place on every refresh, so keyboard focus stays where it was.
 */
export class EventsView {
  /** @param {{ edit: (event: EventResponse) => void, cancel: (event: EventResponse) => void }} actions */
  constructor(actions) {
    this.actions = actions;
    this.page = 1;
    this.upcomingOnly = true;
    /** @type {Map<string, Card>} */
    this.cards = new Map();
    this.list = byId('events');
    byId('previous-page').addEventListener('click', () => this.turn(-1));
    byId('next-page').addEventListener('click', () => this.turn(1));
  }

  async refresh() {
    const query = { page: this.page, page_size: PAGE_SIZE, upcoming: this.upcomingOnly ? 'true' : 'false' };
    let page;
    try {
      page = await must(api.GET('/api/events', { params: { query } }));
    } catch (error) {
      // The last page emptied since it was shown (an event started or was cancelled).
      if (!(error instanceof ApiError && error.status === 404 && this.page > 1)) throw error;
      this.page = 1;
      return this.refresh();
    }
    const stats = await Promise.all(
      page.results.map((event) => must(api.GET('/api/events/{eventId}/stats', { params: { path: { eventId: event.event_id } } }))),
    );
    this.show(page.results, stats);
    this.showPager(page.count, page.previous !== null, page.next !== null);
  }

  /** @param {number} step */
  async turn(step) {
    this.page += step;
    await this.refresh();
  }

  /**
   * @param {EventResponse[]} events
   * @param {EventStats[]} stats
   */
  show(events, stats) {
    const shown = new Set(events.map((event) => event.event_id));
    for (const [id, card] of this.cards) {
      if (!shown.has(id)) {
        card.item.remove();
        this.cards.delete(id);
      }
    }
    events.forEach((event, index) => {
      let card = this.cards.get(event.event_id);
      if (!card) {
        card = eventCard(this.actions);
        this.cards.set(event.event_id, card);
      }
      card.update(event, stats[index]);
      // Moved only when out of place: moving a node takes keyboard focus off whatever is in it.
      const atIndex = this.list.children[index];
      if (atIndex !== card.item) this.list.insertBefore(card.item, atIndex ?? null);
    });
    if (events.length === 0) this.list.replaceChildren(element('li', { class: 'empty' }, 'No events to show.'));
    else this.list.querySelector('.empty')?.remove();
  }

  /**
   * @param {number} count
   * @param {boolean} hasPrevious
   * @param {boolean} hasNext
   */
  showPager(count, hasPrevious, hasNext) {
    const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
    byId('page-label').textContent = `Page ${this.page} of ${pages} (${formatCount(count, 'event')})`;
    /** @type {HTMLButtonElement} */ (byId('previous-page')).disabled = !hasPrevious;
    /** @type {HTMLButtonElement} */ (byId('next-page')).disabled = !hasNext;
  }
}

/**
 * @param {{ edit: (event: EventResponse) => void, cancel: (event: EventResponse) => void }} actions
 * @returns {Card}
 */
function eventCard(actions) {
  const name = element('h3');
  const status = element('span', { class: 'status' });
  const when = element('p', { class: 'meta' });
  const segments = {
    sold: element('span', { class: 'sold' }),
    held: element('span', { class: 'held' }),
    available: element('span', { class: 'available' }),
  };
  const bar = element('div', { class: 'bar', role: 'img' }, segments.sold, segments.held, segments.available);
  const figures = element('p', { class: 'figures' });
  const edit = element('button', { type: 'button' }, 'Edit');
  const cancel = element('button', { type: 'button', class: 'danger' }, 'Cancel event');
  const item = /** @type {HTMLLIElement} */ (
    element(
      'li',
      { class: 'event' },
      element('div', { class: 'event-head' }, name, status),
      when,
      bar,
      figures,
      element('div', { class: 'actions' }, edit, cancel),
    )
  );
  /** @type {EventResponse | undefined} */
  let current;
  edit.addEventListener('click', () => current && actions.edit(current));
  cancel.addEventListener('click', () => current && actions.cancel(current));

  return {
    item,
    update(event, stats) {
      current = event;
      item.dataset.eventId = event.event_id;
      item.classList.toggle('cancelled', event.status === 'cancelled');
      name.textContent = event.name;
      status.textContent = event.status;
      when.textContent = `${formatLocalTime(event.starts_at)} · ${event.venue} · ${event.price} a ticket`;
      const seats = { sold: stats.tickets_sold, held: stats.tickets_held, available: stats.available_tickets };
      const summary = `${formatNumber(seats.sold)} sold, ${formatNumber(seats.held)} held, ${formatNumber(seats.available)} available of ${formatNumber(stats.capacity)}`;
      bar.setAttribute('aria-label', summary);
      for (const [part, count] of Object.entries(seats)) {
        /** @type {HTMLElement} */ (segments[/** @type {keyof typeof segments} */ (part)]).style.width =
          `${(100 * count) / stats.capacity}%`;
      }
      figures.textContent = summary;
      edit.setAttribute('aria-label', `Edit ${event.name}`);
      cancel.setAttribute('aria-label', `Cancel event ${event.name}`);
      /** @type {HTMLButtonElement} */ (edit).disabled = event.status === 'cancelled';
      /** @type {HTMLButtonElement} */ (cancel).disabled = event.status === 'cancelled';
    },
  };
}
