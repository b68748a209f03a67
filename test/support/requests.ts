import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** Any app a spec started (a spec with two instances passes either). */
type On = Pick<TestApp, 'http'>;

/** `POST /api/bookings/` as `who` with any body, valid or not, and an `Idempotency-Key` when one is given. */
export function postBooking(on: On, who: TestUser, body: object, idempotencyKey?: string) {
  const call = on.http.post('/api/bookings/').set('Authorization', who.auth);
  return (idempotencyKey === undefined ? call : call.set('Idempotency-Key', idempotencyKey)).send(body);
}

/** `POST /api/bookings/` as `who`: `tickets` of `eventId` for the caller. */
export function bookTickets(on: On, who: TestUser, eventId: string, tickets: number, idempotencyKey?: string) {
  return postBooking(on, who, { event_id: eventId, number_of_tickets: tickets }, idempotencyKey);
}

/** `POST /api/bookings/` as `who` with `json` sent as written, for bodies an object cannot spell (broken or oversized JSON). */
export function postBookingJson(on: On, who: TestUser, json: string) {
  return on.http.post('/api/bookings/').set('Authorization', who.auth).set('Content-Type', 'application/json').send(json);
}

/** `DELETE /api/bookings/{id}/` as `who`. */
export function cancelBooking(on: On, who: TestUser, bookingId: string) {
  return on.http.delete(`/api/bookings/${bookingId}/`).set('Authorization', who.auth);
}
