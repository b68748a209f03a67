import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';

import { RedisConnection } from '../common/redis/redis-connection';
import { AppConfig } from '../config/app-config';
import { FailedLoginLimiter } from './failed-login-limiter';
import { throttlers } from './rate-limits';

@Global()
@Module({
  providers: [RedisConnection],
  exports: [RedisConnection],
})
class RedisModule {}

/** Rate limits, counted in Redis when REDIS_URL is set (shared by every instance), else in memory. */
@Global()
@Module({
  imports: [
    RedisModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => ({
        throttlers: throttlers(config),
        storage: redis.client ? new ThrottlerStorageRedisService(redis.client) : undefined,
        // Our 429 carries a plain Retry-After (the guard's own headers are suffixed per throttler).
        setHeaders: false,
      }),
    }),
  ],
  providers: [FailedLoginLimiter],
  exports: [FailedLoginLimiter],
})
export class RateLimitsModule {}
