import { LRUCache } from 'lru-cache';
import { UserEntity } from '../users/user.entity';

const MAX_CACHED_KEYS = 50_000;

/**
 * Who owns an API key, remembered for a moment so a burst of requests with one key costs one
 * database lookup. A revocation on this instance takes effect at once; on another instance
 * within the TTL. Unknown keys are never remembered, so a new key works immediately.
 */
export class TokenOwnerCache {
  private readonly owners?: LRUCache<string, UserEntity>;

  constructor(ttlMs: number) {
    if (ttlMs > 0) this.owners = new LRUCache({ max: MAX_CACHED_KEYS, ttl: ttlMs });
  }

  async ownerOf(keyHash: string, lookUp: (keyHash: string) => Promise<UserEntity | null>): Promise<UserEntity | null> {
    const cached = this.owners?.get(keyHash);
    if (cached) return cached;
    const owner = await lookUp(keyHash);
    if (owner) this.owners?.set(keyHash, owner);
    return owner;
  }

  forget(keyHash: string): void {
    this.owners?.delete(keyHash);
  }
}
