import { LRUCache } from 'lru-cache';

/**
 * Values loaded on a miss and kept for `ttlMs` (at most `max` keys, least recently used out
 * first); a TTL of 0 turns it off, so every read loads. A miss (null) is never kept, so a key
 * that appears later is seen at once.
 */
export class ReadThroughCache<V extends object | number> {
  protected readonly entries?: LRUCache<string, V>;
  private tellOthers?: (key: string) => void;

  constructor(ttlMs: number, max: number) {
    if (ttlMs > 0) this.entries = new LRUCache({ max, ttl: ttlMs });
  }

  async read(key: string, load: (key: string) => Promise<V | null>): Promise<V | null> {
    const cached = this.entries?.get(key);
    if (cached !== undefined) return cached;
    const value = await load(key);
    if (value !== null) this.entries?.set(key, value);
    return value;
  }

  get enabled(): boolean {
    return this.entries !== undefined;
  }

  /** Drops the key here and, once shared (CacheInvalidation), on every other instance. */
  forget(key: string): void {
    this.forgetHere(key);
    this.tellOthers?.(key);
  }

  /** Drops a key another instance forgot. */
  forgetHere(key: string): void {
    this.entries?.delete(key);
  }

  shareForgets(tellOthers: (key: string) => void): void {
    this.tellOthers = tellOthers;
  }
}
