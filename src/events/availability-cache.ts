import { LRUCache } from 'lru-cache';

const MAX_EVENTS = 10_000;

/**
 * Contract "Limits and caching": availability answered from memory for AVAILABILITY_CACHE_TTL_MS
 * (0, the default, keeps every answer exact). A figure is true when it is stored, and the seats of
 * a stored figure only ever go down here: a booking on this instance lowers it, anything that
 * gives seats back drops it. So the cache never shows more tickets than the database had when
 * the figure's TTL started; bookings on other instances show within the TTL.
 */
export class AvailabilityCache {
  private readonly counts?: LRUCache<string, number>;

  constructor(ttlMs: number) {
    if (ttlMs > 0) this.counts = new LRUCache({ max: MAX_EVENTS, ttl: ttlMs });
  }

  async read(eventId: string, load: (eventId: string) => Promise<number | null>): Promise<number | null> {
    const cached = this.counts?.get(eventId);
    if (cached !== undefined) return cached;
    const available = await load(eventId);
    if (available !== null) this.counts?.set(eventId, available);
    return available;
  }

  /** A booking on this instance left `available` seats (set from inside its transaction: a rollback only shows fewer). */
  lower(eventId: string, available: number): void {
    const cached = this.counts?.get(eventId);
    if (cached !== undefined && available < cached) this.counts?.set(eventId, available);
  }

  /** Seats came back (a cancellation) or the event changed: the next answer is read. */
  forget(eventId: string): void {
    this.counts?.delete(eventId);
  }
}
