import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** `POST /api/events/{id}/waitlist/` as `who`, for `tickets`. */
export const joinWaitlist = (t: TestApp, eventId: string, who: TestUser, tickets: number) =>
  t.http.post(`/api/events/${eventId}/waitlist/`).set('Authorization', who.auth).send({ number_of_tickets: tickets });

/** The event's public availability. */
export const availableTickets = async (t: TestApp, eventId: string): Promise<number> =>
  (await t.http.get(`/api/events/${eventId}/availability/`)).body.available_tickets;
