import { Injectable } from '@nestjs/common';

import { RateLimitedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { FailureCounter, MemoryFailureCounter, RedisFailureCounter } from './failure-counter';
import { RedisConnection } from './redis-connection';

/**
 * Contract: Limits. At most FAILED_LOGIN_LIMIT failed logins per username and client IP per
 * window; then every attempt, even with the right password, is 429 until the window ends. The
 * check and the count cost the same whether the username exists or not, and a refused attempt
 * skips the password hash for both alike, so neither reveals which names exist.
 */
@Injectable()
export class FailedLoginLimiter {
  private readonly counter: FailureCounter;

  constructor(
    private readonly config: AppConfig,
    redis: RedisConnection,
  ) {
    this.counter = redis.client ? new RedisFailureCounter(redis.client) : new MemoryFailureCounter();
  }

  async assertMayTry(username: string, clientIp: string): Promise<void> {
    const { failures, resetsInMs } = await this.counter.count(keyOf(username, clientIp));
    if (failures >= this.config.failedLoginLimit) throw new RateLimitedError(Math.ceil(resetsInMs / 1000));
  }

  recordFailure(username: string, clientIp: string): Promise<void> {
    return this.counter.add(keyOf(username, clientIp), this.config.failedLoginWindowMs);
  }
}

// Usernames match ignoring case, so must their counts.
function keyOf(username: string, clientIp: string): string {
  return `${username.toLowerCase()}|${clientIp}`;
}
