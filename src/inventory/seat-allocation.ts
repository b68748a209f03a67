import { DomainError, EventNotOpenError, InsufficientTicketsError, TooManyTicketsPerBookingError } from '../common/errors/domain-errors';
import { EventEntity } from '../events/event.entity';

/** What the seat rules read of an event. */
export type SaleTerms = Pick<EventEntity, 'status' | 'startsAt' | 'maxTicketsPerBooking'>;

export type SeatDecision = { fits: true } | { fits: false; refusal: DomainError };

export interface SeatAllocation {
  /** One per wanted count, in the order asked. */
  decisions: SeatDecision[];
  /** The seats left once the counts that fit are taken. */
  seatsLeft: number;
}

/**
 * Decides, in arrival order, which of the wanted seat counts the event can sell from `seatsLeft`:
 * each count that fits lowers what the next one sees, and one that does not fit refuses only itself.
 */
export function allocateSeats(event: SaleTerms, seatsLeft: number, wanted: readonly number[], now: Date): SeatAllocation {
  let left = seatsLeft;
  const decisions = wanted.map((tickets): SeatDecision => {
    const refusal = refusalOf(event, left, tickets, now);
    if (refusal) return { fits: false, refusal };
    left -= tickets;
    return { fits: true };
  });
  return { decisions, seatsLeft: left };
}

/** Why the event cannot sell `tickets` more while `seatsLeft` remain, or null when it can (contract 1). */
export function refusalOf(event: SaleTerms, seatsLeft: number, tickets: number, now: Date): DomainError | null {
  if (event.status !== 'scheduled' || event.startsAt <= now) return new EventNotOpenError();
  if (event.maxTicketsPerBooking !== null && tickets > event.maxTicketsPerBooking) {
    return new TooManyTicketsPerBookingError(event.maxTicketsPerBooking);
  }
  if (seatsLeft < tickets) return new InsufficientTicketsError(seatsLeft, tickets);
  return null;
}
