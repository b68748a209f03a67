import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { ValidationFailedError } from '../errors/domain-errors';
import { headerOf } from './header';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
// Contract: 1-255 printable characters.
const ACCEPTABLE_KEY = /^[\x20-\x7e]{1,255}$/;

/** The request's `Idempotency-Key`, or undefined without one; a malformed key is a 400. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const key = headerOf(context.switchToHttp().getRequest<FastifyRequest>(), 'idempotency-key');
  if (key === undefined) return undefined;
  if (!ACCEPTABLE_KEY.test(key)) {
    throw new ValidationFailedError({ [IDEMPOTENCY_KEY_HEADER]: [`${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable characters`] });
  }
  return key;
});
