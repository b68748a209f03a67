import { ActiveHoldExistsError } from '../common/errors/domain-errors';
import { BookingEntity } from '../schema/booking.entity';
import { HoldEntity } from '../schema/hold.entity';
import { SeatDecision } from './seat-allocation';
import { SeatAnswer, SeatWant } from './seat-requests';

/**
 * Each booking's or hold's answer, from its decision and what the transaction made: `booked` and `held`
 * in the order of the requests that fit, `holdOf` the active hold of each user by the transaction's end.
 */
export function answerSeatWants(
  requests: readonly SeatWant[],
  decisions: readonly SeatDecision[],
  booked: readonly BookingEntity[],
  held: readonly HoldEntity[],
  holdOf: ReadonlyMap<string, string>,
): SeatAnswer[] {
  const nextBooked = booked[Symbol.iterator]();
  const nextHeld = held[Symbol.iterator]();
  return requests.map((request, index): SeatAnswer => {
    const decision = decisions[index];
    switch (decision.kind) {
      case 'refused':
        return { status: 'rejected', reason: decision.refusal };
      case 'holds-already':
        return { status: 'rejected', reason: new ActiveHoldExistsError(holdOf.get(decision.userId)!) };
      case 'fits':
        return request.kind === 'booking'
          ? { status: 'fulfilled', value: { kind: 'booking', booking: nextBooked.next().value! } }
          : { status: 'fulfilled', value: { kind: 'hold', hold: nextHeld.next().value! } };
    }
  });
}
