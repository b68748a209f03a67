import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

import { AppConfig } from '../../config/app-config';

/**
 * The Redis client for shared rate limits, or null without REDIS_URL (limits then live in this
 * process). A command fails after one retry rather than queueing while Redis is away, so the
 * rate-limited routes answer 503 then; everything else keeps working.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis | null;
  private readonly logger = new Logger('Redis');

  constructor(config: AppConfig) {
    this.client = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.reportOutages();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => this.client?.disconnect());
  }

  /** One line when Redis goes away and one when it is back, not one per reconnect attempt. */
  private reportOutages(): void {
    let down = false;
    this.client?.on('error', (error: Error) => {
      if (!down) this.logger.warn(`Redis unreachable (${error.message}); rate-limited routes answer 503 until it is back`);
      down = true;
    });
    this.client?.on('ready', () => {
      if (down) this.logger.log('Redis reachable again');
      down = false;
    });
  }
}
