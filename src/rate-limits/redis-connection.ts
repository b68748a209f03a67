import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The Redis client for shared rate limits, or null without REDIS_URL (limits then live in this
 * process). A command fails after one retry rather than queueing while Redis is away.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;

  constructor(config: AppConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false }) : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit();
  }
}
