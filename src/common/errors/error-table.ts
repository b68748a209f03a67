import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

import * as errors from './domain-errors';
import { sqlStateOf } from './sql-state';

// Not in Nest's HttpStatus; Node answers it for headers past its limit, and so do we.
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/** Every status the API answers with an error, in one place (contract: Conventions). */
const STATUS_OF_DOMAIN_ERROR = new Map<errors.DomainErrorClass, number>([
  [errors.ValidationFailedError, HttpStatus.BAD_REQUEST],
  [errors.MalformedJsonError, HttpStatus.BAD_REQUEST],
  [errors.JsonTooDeepError, HttpStatus.BAD_REQUEST],
  [errors.MalformedHttpRequestError, HttpStatus.BAD_REQUEST],
  [errors.UnableToLogInError, HttpStatus.BAD_REQUEST],
  [errors.BookingAlreadyCancelledError, HttpStatus.BAD_REQUEST],
  [errors.NotAuthenticatedError, HttpStatus.UNAUTHORIZED],
  [errors.InvalidTokenError, HttpStatus.UNAUTHORIZED],
  [errors.InvalidCredentialsError, HttpStatus.UNAUTHORIZED],
  [errors.PermissionDeniedError, HttpStatus.FORBIDDEN],
  [errors.CsrfTokenError, HttpStatus.FORBIDDEN],
  [errors.UserNotFoundError, HttpStatus.NOT_FOUND],
  [errors.EventNotFoundError, HttpStatus.NOT_FOUND],
  [errors.BookingNotFoundError, HttpStatus.NOT_FOUND],
  [errors.InvalidPageError, HttpStatus.NOT_FOUND],
  [errors.HoldNotFoundError, HttpStatus.NOT_FOUND],
  [errors.WaitlistEntryNotFoundError, HttpStatus.NOT_FOUND],
  [errors.RequestTimeoutError, HttpStatus.REQUEST_TIMEOUT],
  [errors.UsernameTakenError, HttpStatus.CONFLICT],
  [errors.InsufficientTicketsError, HttpStatus.CONFLICT],
  [errors.EventNotOpenError, HttpStatus.CONFLICT],
  [errors.CapacityBelowSoldError, HttpStatus.CONFLICT],
  [errors.IdempotencyKeyInProgressError, HttpStatus.CONFLICT],
  [errors.HoldNotActiveError, HttpStatus.CONFLICT],
  [errors.ActiveHoldExistsError, HttpStatus.CONFLICT],
  [errors.TicketsAvailableError, HttpStatus.CONFLICT],
  [errors.AlreadyOnWaitlistError, HttpStatus.CONFLICT],
  [errors.NotOnWaitlistError, HttpStatus.CONFLICT],
  [errors.HoldExpiredError, HttpStatus.GONE],
  [errors.ExpectationFailedError, HttpStatus.EXPECTATION_FAILED],
  [errors.IdempotencyKeyReusedError, HttpStatus.UNPROCESSABLE_ENTITY],
  [errors.RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
  [errors.RequestHeadersTooLargeError, REQUEST_HEADER_FIELDS_TOO_LARGE],
  [errors.ServiceUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
]);

/**
 * Messages for the HTTP errors Nest and Fastify raise themselves (unknown route, body limit, media
 * type): Nest hands Fastify's `FST_ERR_...` refusals to the filters as HttpExceptions of their status.
 */
const MESSAGE_OF_HTTP_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Malformed request.',
  [HttpStatus.NOT_FOUND]: 'Not found.',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'Method not allowed.',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Request body too large (limit 1 MB).',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported media type.',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too many requests.',
};

/**
 * PostgreSQL states that mean "try again": lock or statement timeout, deadlock, serialization
 * failure, shutdown and every connection-class error (08xxx).
 */
const RETRYABLE_SQLSTATE = /^(55P03|57014|40001|40P01|57P0[1-3]|08...)$/;
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export interface ErrorResponse {
  status: number;
  body: { error: string; details?: unknown; [field: string]: unknown };
  headers: Record<string, string>;
  /** A bug, to be logged with its stack; the client learns only the request id. */
  unexpected: boolean;
}

export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof errors.DomainError) return fromDomainError(error);
  if (error instanceof HttpException) return fromHttpStatus(error.getStatus());
  if (isDatabaseUnavailable(error)) return fromDomainError(new errors.ServiceUnavailableError());
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { error: 'Internal server error', details: { request_id: requestId } },
    headers: {},
    unexpected: true,
  };
}

function fromDomainError(error: errors.DomainError): ErrorResponse {
  const status = statusOf(error);
  const { details, fields } = error.extras;
  return {
    status,
    body: { error: error.message, ...(details === undefined ? {} : { details }), ...fields },
    headers:
      error instanceof errors.RateLimitedError ? { 'Retry-After': String(Math.max(1, error.retryAfterSeconds)) } : headersFor(status),
    unexpected: false,
  };
}

function fromHttpStatus(status: number, message?: string): ErrorResponse {
  return {
    status,
    body: { error: message ?? MESSAGE_OF_HTTP_STATUS[status] ?? 'Request failed.' },
    headers: headersFor(status),
    unexpected: status >= 500,
  };
}

function statusOf(error: errors.DomainError): number {
  for (
    let type = error.constructor as errors.DomainErrorClass;
    type !== errors.DomainError;
    type = Object.getPrototypeOf(type) as errors.DomainErrorClass
  ) {
    const status = STATUS_OF_DOMAIN_ERROR.get(type);
    if (status) return status;
  }
  throw new Error(`${error.name} has no status in the error table`);
}

function headersFor(status: number): Record<string, string> {
  if (status === HttpStatus.UNAUTHORIZED) return { 'WWW-Authenticate': 'Token' };
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return { 'Retry-After': '1' };
  return {};
}

function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM releases a transaction's runner when its connection dies; the next statement says so.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = sqlStateOf(error);
  if (code && (RETRYABLE_SQLSTATE.test(code) || CONNECTION_ERROR_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  // pg reports a dropped or never-made connection, and a pool wait past connectionTimeoutMillis,
  // without a code; ioredis (shared rate limits) gives up on an unreachable Redis the same way.
  return /Connection terminated|connection timeout|Connection refused|timeout exceeded when trying to connect|Connection is closed|max retries per request/i.test(
    message,
  );
}
