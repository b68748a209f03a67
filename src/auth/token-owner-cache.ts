import { ReadThroughCache } from '../common/cache/read-through-cache';
import { UserEntity } from '../schema/user.entity';

const MAX_CACHED_KEYS = 50_000;

/**
 * Who owns an API key (by its hash), remembered for a moment so a burst of requests with one key
 * costs one database lookup. A revocation on this instance takes effect at once (`forget`); on
 * another instance as soon as Redis passes the forget on (CacheInvalidation), and within the TTL
 * without Redis. Unknown keys are never remembered, so a new key works immediately.
 */
export class TokenOwnerCache extends ReadThroughCache<UserEntity> {
  constructor(ttlMs: number) {
    super(ttlMs, MAX_CACHED_KEYS);
  }
}
