import { applyDecorators, ExecutionContext, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerOptions } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';

import { ApiError } from '../common/errors/api-error.decorator';
import { RateLimitedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { RateLimitGuard } from './rate-limit.guard';

const AUTH = 'auth';
const BOOKING_WRITES = 'booking-writes';
const ONE_MINUTE_MS = 60_000;

/**
 * The limits of the contract (Limits and caching). Each counts across all the routes that use it
 * (one key per throttler and client), so register, login and token share one budget per IP, and
 * booking and cancelling one budget per user.
 */
export function throttlers(config: AppConfig): ThrottlerOptions[] {
  const sharedKey = (_: ExecutionContext, tracker: string, name: string) => `evently:${name}:${tracker}`;
  return [
    { name: AUTH, ttl: ONE_MINUTE_MS, limit: config.authRateLimitPerMinute, generateKey: sharedKey },
    {
      name: BOOKING_WRITES,
      ttl: ONE_MINUTE_MS,
      limit: config.bookingRateLimitPerMinute,
      generateKey: sharedKey,
      // The global authentication guard has run, so the caller is known.
      getTracker: (request) => (request as FastifyRequest).user!.id,
    },
  ];
}

const API_429 = ApiError('Rate limited; retry after `Retry-After` seconds.', new RateLimitedError(60));

/** Counts toward the per-IP budget of register/login/token. */
export const AuthRateLimit = () => applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ [BOOKING_WRITES]: true }), API_429);

/** Counts toward the caller's budget of booking writes. */
export const BookingWriteRateLimit = () => applyDecorators(UseGuards(RateLimitGuard), SkipThrottle({ [AUTH]: true }), API_429);
