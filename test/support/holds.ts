import type { TestUser } from './factories';
import type { Ledger } from './ledger';
import type { TestApp } from './test-app';

/** `POST /api/holds/` as `who`, with an `Idempotency-Key` when one is given. */
export function postHold(t: TestApp, who: TestUser, body: object, idempotencyKey?: string) {
  const call = t.http.post('/api/holds/').set('Authorization', who.auth);
  return (idempotencyKey === undefined ? call : call.set('Idempotency-Key', idempotencyKey)).send(body);
}

export function confirmHold(t: TestApp, who: TestUser, holdId: string, idempotencyKey?: string) {
  const call = t.http.post(`/api/holds/${holdId}/confirm/`).set('Authorization', who.auth);
  return idempotencyKey === undefined ? call : call.set('Idempotency-Key', idempotencyKey);
}

export const releaseHold = (t: TestApp, who: TestUser, holdId: string) =>
  t.http.delete(`/api/holds/${holdId}/`).set('Authorization', who.auth);

/** Moves a hold's time to the past, as if its hold_seconds had run out (no sweep has run). */
export async function runOut(t: TestApp, holdIds: string[]): Promise<void> {
  await t.dataSource.query(`UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [holdIds]);
}

/** An event's seats with its holds: the books balance when confirmed + held + available = capacity. */
export interface HeldLedger extends Ledger {
  held: number;
}

export async function heldLedger(t: TestApp, eventId: string): Promise<HeldLedger> {
  const [held]: { held: number }[] = await t.dataSource.query(
    `SELECT COALESCE(sum(number_of_tickets), 0)::int AS held FROM holds WHERE event_id = $1 AND status = 'active'`,
    [eventId],
  );
  return { ...(await t.make.ledger(eventId)), held: held.held };
}

export const balanced = (ledger: HeldLedger) => ledger.confirmed + ledger.held + ledger.available === ledger.capacity;
