import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

import { RedisConnection } from '../redis/redis-connection';

const CHANNEL = 'evently:cache-forget';

/** What CacheInvalidation needs of a cache (ReadThroughCache has it). */
export interface ShareableCache {
  readonly enabled: boolean;
  forgetHere(key: string): void;
  shareForgets(tellOthers: (key: string) => void): void;
}

interface ForgetMessage {
  cache: string;
  key: string;
}

/**
 * With REDIS_URL, what one instance forgets (availability after a cancellation or staff edit, a
 * revoked key) is forgotten by every instance within a Redis round trip, over pub/sub. A message
 * lost while Redis is away costs nothing but staleness: the caches' TTLs stay the upper bound.
 * (PostgreSQL's LISTEN/NOTIFY would need a session of its own, which PgBouncer's transaction
 * pooling does not keep.)
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('CacheInvalidation');
  private readonly caches = new Map<string, ShareableCache>();
  private subscriber?: Redis;

  constructor(private readonly redis: RedisConnection) {}

  /** Shares the forgets of `cache` (when it is on and Redis is configured) under `name`; returns the cache. */
  share<C extends ShareableCache>(name: string, cache: C): C {
    const publisher = this.redis.client;
    if (!publisher || !cache.enabled) return cache;
    this.caches.set(name, cache);
    cache.shareForgets((key) => {
      const message: ForgetMessage = { cache: name, key };
      publisher.publish(CHANNEL, JSON.stringify(message)).catch(() => undefined);
    });
    return cache;
  }

  onModuleInit(): void {
    if (!this.redis.client || !this.caches.size) return;
    // A subscribed connection can do nothing else; this one waits for Redis instead of failing
    // (no retry limit), and ioredis subscribes again after every reconnect.
    this.subscriber = this.redis.client.duplicate({ maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined); // RedisConnection already reports outages
    this.subscriber.on('message', (_channel: string, text: string) => this.forgetHere(text));
    this.subscriber.subscribe(CHANNEL).catch((error: Error) => this.logger.warn(`not subscribed to cache forgets: ${error.message}`));
  }

  /** A subscriber has nothing to flush; quit() would wait forever for a Redis that never came. */
  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  private forgetHere(text: string): void {
    try {
      const { cache, key } = JSON.parse(text) as ForgetMessage;
      this.caches.get(cache)?.forgetHere(key);
    } catch {
      this.logger.warn('ignored a malformed cache-forget message');
    }
  }
}
