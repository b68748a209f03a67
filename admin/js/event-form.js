import { api, must } from './api.js';
import { byId } from './dom.js';
import { toLocalInput } from './format.js';

/** @typedef {import('./api.js').Schemas} Schemas */

/** The dialog that creates an event, or edits one (PATCH of every field). */
export class EventForm {
  /** @param {(saved: Schemas['EventResponse']) => void} saved */
  constructor(saved) {
    this.saved = saved;
    this.dialog = /** @type {HTMLDialogElement} */ (byId('event-dialog'));
    this.form = /** @type {HTMLFormElement} */ (byId('event-form'));
    this.error = byId('event-form-error');
    /** @type {Schemas['EventResponse'] | undefined} */
    this.editing = undefined;
    this.form.addEventListener('submit', (submit) => {
      submit.preventDefault();
      this.save().catch((/** @type {Error} */ error) => this.showError(error.message));
    });
    byId('event-form-close').addEventListener('click', () => this.dialog.close());
  }

  /** @param {Schemas['EventResponse']} [event] the event to edit; none for a new one */
  open(event) {
    this.editing = event;
    this.form.reset();
    this.showError('');
    byId('event-dialog-title').textContent = event ? `Edit ${event.name}` : 'New event';
    if (event) {
      this.field('name').value = event.name;
      this.field('venue').value = event.venue;
      this.field('description').value = event.description;
      this.field('starts_at').value = toLocalInput(event.starts_at);
      this.field('capacity').value = String(event.capacity);
      this.field('price').value = event.price;
      this.field('max_tickets_per_booking').value = event.max_tickets_per_booking === null ? '' : String(event.max_tickets_per_booking);
    }
    this.dialog.showModal();
  }

  async save() {
    if (!this.form.reportValidity()) return;
    const body = this.body();
    const saved = this.editing
      ? await must(api.PATCH('/api/events/{eventId}', { params: { path: { eventId: this.editing.event_id } }, body }))
      : await must(api.POST('/api/events', { body }));
    this.dialog.close();
    this.saved(saved);
  }

  /** @returns {Schemas['CreateEventDto']} */
  body() {
    const most = this.field('max_tickets_per_booking').value;
    return {
      name: this.field('name').value.trim(),
      venue: this.field('venue').value.trim(),
      description: this.field('description').value,
      // datetime-local is the browser's local time; the API wants a zone, so send UTC.
      starts_at: new Date(this.field('starts_at').value).toISOString(),
      capacity: Number(this.field('capacity').value),
      price: this.field('price').value.trim(),
      // Empty clears the limit when editing, and means none for a new event.
      ...(most === '' ? (this.editing ? { max_tickets_per_booking: null } : {}) : { max_tickets_per_booking: Number(most) }),
    };
  }

  /** @param {string} name */
  field(name) {
    return /** @type {HTMLInputElement} */ (this.form.elements.namedItem(name));
  }

  /** @param {string} text */
  showError(text) {
    this.error.textContent = text;
    this.error.hidden = text === '';
  }
}
