import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';

import { RateLimitedError } from '../common/errors/domain-errors';

/** @nestjs/throttler's guard, answering with our 429 (JSON error and a plain `Retry-After`). */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_: unknown, limit: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(limit.timeToBlockExpire);
  }
}
