import { DomainError, HoldExpiredError, HoldNotActiveError, HoldNotFoundError } from '../common/errors/domain-errors';
import { LockedHold } from '../holds/holds.repository';
import { BookingEntity } from '../schema/booking.entity';
import { UserEntity } from '../schema/user.entity';
import { TurnAnswer } from './seat-request';

type Caller = Pick<UserEntity, 'id' | 'isStaff'>;

/** A request to confirm a hold into a booking (contract 5), with who asks: the owner check and the audit entries need them. */
export interface HoldConfirmation {
  holdId: string;
  caller: Caller;
  requestId: string | null;
}

/**
 * Where a locked hold stands for a caller who would confirm or release it: still active; active
 * but past its `expires_at` (it ends as expired, swept or not: 410); or refused (another user's
 * hold is not found, an ended one is 410 or 409).
 */
export type HoldStanding =
  { kind: 'active'; hold: LockedHold } | { kind: 'overdue'; hold: LockedHold } | { kind: 'refused'; refusal: DomainError };

export function standingOf(hold: LockedHold | undefined, caller: Caller): HoldStanding {
  if (!hold || (hold.userId !== caller.id && !caller.isStaff)) return { kind: 'refused', refusal: new HoldNotFoundError() };
  if (hold.status === 'expired') return { kind: 'refused', refusal: new HoldExpiredError() };
  if (hold.status !== 'active') return { kind: 'refused', refusal: new HoldNotActiveError(hold.status, hold.bookingId) };
  return { kind: hold.overdue ? 'overdue' : 'active', hold };
}

/**
 * What a turn does with each confirmation: its hold's standing, or, for a second confirmation of a
 * hold this turn books, `booked-before` (409 with that booking, as a later turn would answer).
 */
export type ConfirmDecision = HoldStanding | { kind: 'booked-before'; holdId: string };

/** Decides, in arrival order, each confirmation against the holds the turn locked (those of its event). */
export function decideConfirmations(confirmations: readonly HoldConfirmation[], locked: readonly LockedHold[]): ConfirmDecision[] {
  const holds = new Map(locked.map((hold) => [hold.id, hold]));
  const first = new Map<string, HoldStanding>();
  return confirmations.map(({ holdId, caller }): ConfirmDecision => {
    const standing = standingOf(holds.get(holdId), caller);
    const earlier = first.get(holdId);
    if (standing.kind === 'refused' || !earlier) {
      if (standing.kind !== 'refused') first.set(holdId, standing);
      return standing;
    }
    return earlier.kind === 'active' ? { kind: 'booked-before', holdId } : { kind: 'refused', refusal: new HoldExpiredError() };
  });
}

/** Each confirmation's answer, from its decision and the bookings the turn made (by hold id). */
export function answerConfirmations(decisions: readonly ConfirmDecision[], bookingOf: ReadonlyMap<string, BookingEntity>): TurnAnswer[] {
  return decisions.map((decision): TurnAnswer => {
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
