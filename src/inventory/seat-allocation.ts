import { DomainError, EventNotOpenError, InsufficientTicketsError, TooManyTicketsPerBookingError } from '../common/errors/domain-errors';
import { EventEntity } from '../schema/event.entity';

/** What the seat rules read of an event. */
export type SaleTerms = Pick<EventEntity, 'status' | 'startsAt' | 'maxTicketsPerBooking'>;

/** Seats asked for; a hold (or an offer) names its user, who may hold seats of an event once. */
export interface SeatAsk {
  tickets: number;
  holder?: string;
}

/** A hold's (or an offer's) ask: it counts against its user's one hold per event. */
export function holdAsk(want: { userId: string; tickets: number }): SeatAsk {
  return { tickets: want.tickets, holder: want.userId };
}

/**
 * What one ask got: it fits; it is refused by the sale's rules; or it is a hold of a user who
 * holds seats of the event already, which takes none.
 */
export type SeatDecision = { kind: 'fits' } | { kind: 'refused'; refusal: DomainError } | { kind: 'holds-already'; userId: string };

export interface SeatAllocation {
  /** One per ask, in the order asked. */
  decisions: SeatDecision[];
  /** The seats left once the asks that fit are taken. */
  seatsLeft: number;
  /** Whether an ask was refused for want of seats alone. */
  short: boolean;
}

/**
 * Decides, in arrival order, which asks the event can sell from `seatsLeft`: each that fits lowers
 * what the next one sees, and one that is refused, for any reason, takes nothing from the rest.
 * `holders` are the users who hold seats of the event already; a user's first hold in the asks
 * makes them one for the asks after it.
 */
export function allocateSeats(
  event: SaleTerms,
  seatsLeft: number,
  asks: readonly SeatAsk[],
  holders: ReadonlySet<string>,
  now: Date,
): SeatAllocation {
  let left = seatsLeft;
  let short = false;
  const holding = new Set(holders);
  const decisions = asks.map(({ tickets, holder }): SeatDecision => {
    if (holder !== undefined && holding.has(holder)) return { kind: 'holds-already', userId: holder };
    const refusal = refusalOf(event, left, tickets, now);
    if (refusal) {
      short ||= refusal instanceof InsufficientTicketsError;
      return { kind: 'refused', refusal };
    }
    left -= tickets;
    if (holder !== undefined) holding.add(holder);
    return { kind: 'fits' };
  });
  return { decisions, seatsLeft: left, short };
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
