import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';

import { ApiError } from '../errors/api-error.decorator';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError, ValidationFailedError } from '../errors/domain-errors';
import { headerOf } from './header';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
// Contract: 1-255 printable characters.
const ACCEPTABLE_KEY = /^[\x20-\x7e]{1,255}$/;
const MALFORMED_KEY = () =>
  new ValidationFailedError({ [IDEMPOTENCY_KEY_HEADER]: [`${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable characters`] });

/** The request's `Idempotency-Key`, or undefined without one; a malformed key is a 400. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const key = headerOf(context.switchToHttp().getRequest<FastifyRequest>(), 'idempotency-key');
  if (key === undefined) return undefined;
  if (!ACCEPTABLE_KEY.test(key)) throw MALFORMED_KEY();
  return key;
});

/** Documents the optional `Idempotency-Key` of a create route and the answers it brings (contract: Idempotent retries). */
export const ApiIdempotencyKey = (whatARetryDoes: string) =>
  applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description: `A retry with the same key within 24 hours gets the first answer again (header \`Idempotent-Replayed: true\`) and ${whatARetryDoes}`,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: ACCEPTABLE_KEY.source },
    }),
    ApiError('A malformed `Idempotency-Key`.', MALFORMED_KEY()),
    ApiError(
      'A retry with the same `Idempotency-Key` while the first request still runs (after waiting for it up to the lock timeout).',
      new IdempotencyKeyInProgressError(),
    ),
    ApiError('The `Idempotency-Key` was used before with a different request.', new IdempotencyKeyReusedError()),
  );
