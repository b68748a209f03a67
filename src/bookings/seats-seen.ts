import { LRUCache } from 'lru-cache';

const MAX_EVENTS = 10_000;
// Old enough to spare nearly every read during a rush, young enough that another instance's sales show soon.
const REMEMBERED_MS = 1_000;

/**
 * The free seats this process last read for each event, forgotten after a second. The unlocked
 * early answer to a booking costs a read on every request, and while an event plainly has seats
 * it can never refuse one; this says when it can be skipped. Only ever a hint: a skipped early
 * answer leaves the decision to the locked check, so a stale figure costs time, never a wrong answer.
 */
export class SeatsSeen {
  private readonly seats = new LRUCache<string, number>({ max: MAX_EVENTS, ttl: REMEMBERED_MS });

  record(eventId: string, available: number): void {
    this.seats.set(eventId, available);
  }

  /** True when the last figure covers this request even if every request ahead of it takes as many. */
  plentyFor(eventId: string, tickets: number, requestsAhead: number): boolean {
    const available = this.seats.get(eventId);
    return available !== undefined && available >= tickets * (requestsAhead + 1);
  }
}
