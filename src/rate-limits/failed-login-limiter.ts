import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { RateLimitedError } from '../common/errors/domain-errors';
import { RedisConnection } from '../common/redis/redis-connection';
import { AppConfig } from '../config/app-config';

/**
 * Contract: Limits. At most FAILED_LOGIN_LIMIT failed logins per account and client IP per
 * window; then every attempt, even with the right password, is 429 until the window ends. Each
 * attempt is counted before its password is checked, in one atomic step (an INCR in Redis), so
 * a burst of guesses cannot pass the check together; a successful login takes its count back.
 * Known and unknown usernames are counted and refused alike, so neither reveals which names exist.
 */
@Injectable()
export class FailedLoginLimiter {
  private readonly attempts: RateLimiterAbstract;

  constructor(config: AppConfig, redis: RedisConnection) {
    const window = { keyPrefix: 'evently:failed-logins', points: config.failedLoginLimit, duration: config.failedLoginWindowMs / 1000 };
    this.attempts = redis.client ? new RateLimiterRedis({ storeClient: redis.client, ...window }) : new RateLimiterMemory(window);
  }

  /** Runs `verify` as one login attempt on `account` from `clientIp`; null from `verify` is a failure and stays counted. */
  async attempt<T>(account: string, clientIp: string, verify: () => Promise<T | null>): Promise<T | null> {
    const key = `${account}|${clientIp}`;
    try {
      await this.attempts.consume(key);
    } catch (refusal) {
      // Anything but a spent limit is the store failing (Redis away): the error table answers 503.
      if (refusal instanceof RateLimiterRes) throw new RateLimitedError(Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
    const result = await verify();
    if (result !== null) await this.attempts.reward(key, 1);
    return result;
  }
}
