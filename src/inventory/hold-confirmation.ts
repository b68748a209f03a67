import { DomainError, HoldExpiredError, HoldNotActiveError, HoldNotFoundError } from '../common/errors/domain-errors';
import { BookingEntity } from '../schema/booking.entity';
import { LockedHold } from './held-seats.repository';
import { HoldCaller, HoldConfirmation, SeatAnswer } from './seat-requests';

/**
 * Where a locked hold stands for a caller who would confirm or release it: still active; active
 * but past its `expires_at` (it ends as expired, swept or not: 410); or refused (another user's
 * hold is not found, an ended one is 410 or 409).
 */
export type HoldStanding =
  { kind: 'active'; hold: LockedHold } | { kind: 'overdue'; hold: LockedHold } | { kind: 'refused'; refusal: DomainError };

export function holdStanding(hold: LockedHold | undefined, caller: HoldCaller): HoldStanding {
  if (!hold || (hold.userId !== caller.id && !caller.isStaff)) return { kind: 'refused', refusal: new HoldNotFoundError() };
  if (hold.status === 'expired') return { kind: 'refused', refusal: new HoldExpiredError() };
  if (hold.status !== 'active') return { kind: 'refused', refusal: new HoldNotActiveError(hold.status, hold.bookingId) };
  return { kind: hold.overdue ? 'overdue' : 'active', hold };
}

/**
 * What a batch does with each confirmation: its hold's standing, or, for a second confirmation of a
 * hold this batch books, `booked-before` (409 with that booking, as a later transaction would answer).
 */
export type ConfirmDecision = HoldStanding | { kind: 'booked-before'; holdId: string };

/** Decides, in arrival order, each confirmation against the holds the transaction locked (those of its event). */
export function decideConfirmations(confirmations: readonly HoldConfirmation[], locked: readonly LockedHold[]): ConfirmDecision[] {
  const holds = new Map(locked.map((hold) => [hold.id, hold]));
  const first = new Map<string, HoldStanding>();
  return confirmations.map(({ holdId, caller }): ConfirmDecision => {
    const standing = holdStanding(holds.get(holdId), caller);
    const earlier = first.get(holdId);
    if (standing.kind === 'refused' || !earlier) {
      if (standing.kind !== 'refused') first.set(holdId, standing);
      return standing;
    }
    return earlier.kind === 'active' ? { kind: 'booked-before', holdId } : { kind: 'refused', refusal: new HoldExpiredError() };
  });
}

/** Each confirmation's answer, from its decision and the bookings the transaction made (by hold id). */
export function answerConfirmations(decisions: readonly ConfirmDecision[], bookingOf: ReadonlyMap<string, BookingEntity>): SeatAnswer[] {
  return decisions.map((decision): SeatAnswer => {
    switch (decision.kind) {
      case 'active':
        return { status: 'fulfilled', value: { kind: 'confirm', booking: bookingOf.get(decision.hold.id)!, source: decision.hold.source } };
      case 'overdue':
        return { status: 'rejected', reason: new HoldExpiredError() };
      case 'booked-before':
        return { status: 'rejected', reason: new HoldNotActiveError('confirmed', bookingOf.get(decision.holdId)!.id) };
      case 'refused':
        return { status: 'rejected', reason: decision.refusal };
    }
  });
}
