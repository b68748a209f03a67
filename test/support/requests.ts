import type { TestUser } from './factories';
import type { TestApp } from './test-app';

/** `POST /api/bookings/` as `who`, with an `Idempotency-Key` when one is given. */
export function postBooking(t: TestApp, who: TestUser, body: object, idempotencyKey?: string) {
  const call = t.http.post('/api/bookings/').set('Authorization', who.auth);
  return (idempotencyKey === undefined ? call : call.set('Idempotency-Key', idempotencyKey)).send(body);
}
