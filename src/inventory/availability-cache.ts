import { ReadThroughCache } from '../common/cache/read-through-cache';

const MAX_EVENTS = 10_000;

/**
 * Contract "Limits and caching": availability answered from memory for AVAILABILITY_CACHE_TTL_MS
 * (0, the default, keeps every answer exact). A figure is true when it is stored, and the seats of
 * a stored figure only ever go down here: a booking on this instance lowers it, anything that
 * gives seats back drops it (`forget`, on every instance with REDIS_URL: CacheInvalidation). So
 * the cache never shows more tickets than the database had when the figure's TTL started;
 * bookings on other instances show within the TTL.
 */
export class AvailabilityCache extends ReadThroughCache<number> {
  constructor(ttlMs: number) {
    super(ttlMs, MAX_EVENTS);
  }

  /** A booking on this instance left `available` seats (set from inside its transaction: a rollback only shows fewer). */
  lower(eventId: string, available: number): void {
    const cached = this.entries?.get(eventId);
    if (cached !== undefined && available < cached) this.entries?.set(eventId, available);
  }
}
