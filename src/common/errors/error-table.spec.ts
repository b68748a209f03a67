import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

import * as errors from './domain-errors';
import { toErrorResponse } from './error-table';

const REQUEST_ID = 'req-1';

/** One instance of every concrete domain error, built with placeholder arguments. */
function everyDomainError(): errors.DomainError[] {
  type AnyDomainErrorType = new (...args: unknown[]) => errors.DomainError;
  return Object.values(errors)
    .filter((value) => typeof value === 'function' && value !== errors.DomainError)
    .map((DomainErrorType) => new (DomainErrorType as unknown as AnyDomainErrorType)(1, 2));
}

function postgresError(code: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error('postgres said no'), { code }));
}

describe('the error table', () => {
  it('gives every domain error a contract 4xx or 503 status and the contract body shape', () => {
    for (const error of everyDomainError()) {
      const { status, body, unexpected } = toErrorResponse(error, REQUEST_ID);
      expect([400, 401, 403, 404, 408, 409, 410, 417, 422, 429, 431, 503]).toContain(status);
      expect(body.error).toBe(error.message);
      expect(unexpected).toBe(false);
    }
  });

  it('answers the contract’s status for each rule', () => {
    const statusOf = (error: errors.DomainError) => toErrorResponse(error, REQUEST_ID).status;
    expect(statusOf(new errors.InsufficientTicketsError(5, 10))).toBe(HttpStatus.CONFLICT);
    expect(statusOf(new errors.EventNotOpenError())).toBe(HttpStatus.CONFLICT);
    expect(statusOf(new errors.BookingAlreadyCancelledError())).toBe(HttpStatus.BAD_REQUEST);
    expect(statusOf(new errors.TooManyTicketsPerBookingError(4))).toBe(HttpStatus.BAD_REQUEST);
    expect(statusOf(new errors.UnableToLogInError())).toBe(HttpStatus.BAD_REQUEST);
    expect(statusOf(new errors.InvalidCredentialsError())).toBe(HttpStatus.UNAUTHORIZED);
    expect(statusOf(new errors.InvalidPageError())).toBe(HttpStatus.NOT_FOUND);
    expect(statusOf(new errors.CsrfTokenError())).toBe(HttpStatus.FORBIDDEN);
    expect(statusOf(new errors.IdempotencyKeyInProgressError())).toBe(HttpStatus.CONFLICT);
    expect(statusOf(new errors.IdempotencyKeyReusedError())).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(statusOf(new errors.HoldExpiredError())).toBe(HttpStatus.GONE);
    expect(statusOf(new errors.HoldNotActiveError('confirmed', null))).toBe(HttpStatus.CONFLICT);
    expect(statusOf(new errors.TicketsAvailableError(3))).toBe(HttpStatus.CONFLICT);
    expect(statusOf(new errors.MalformedHttpRequestError())).toBe(HttpStatus.BAD_REQUEST);
    expect(statusOf(new errors.RequestTimeoutError())).toBe(HttpStatus.REQUEST_TIMEOUT);
    expect(statusOf(new errors.ExpectationFailedError())).toBe(HttpStatus.EXPECTATION_FAILED);
    expect(statusOf(new errors.RequestHeadersTooLargeError())).toBe(431);
  });

  it('answers a spent rate limit with 429 and the seconds until it frees up in Retry-After', () => {
    expect(toErrorResponse(new errors.RateLimitedError(42), REQUEST_ID)).toEqual({
      status: HttpStatus.TOO_MANY_REQUESTS,
      body: { error: 'Too many requests.' },
      headers: { 'Retry-After': '42' },
      unexpected: false,
    });
    expect(toErrorResponse(new errors.RateLimitedError(0), REQUEST_ID).headers).toEqual({ 'Retry-After': '1' });
  });

  it('puts extra fields at the top level and field problems under details', () => {
    expect(toErrorResponse(new errors.InsufficientTicketsError(5, 10), REQUEST_ID).body).toEqual({
      error: 'Insufficient tickets',
      available_tickets: 5,
      requested_tickets: 10,
    });
    expect(toErrorResponse(new errors.ValidationFailedError({ page_size: ['too big'] }), REQUEST_ID).body).toEqual({
      error: 'Invalid input.',
      details: { page_size: ['too big'] },
    });
  });

  it('asks for credentials in WWW-Authenticate on every 401', () => {
    for (const error of [new errors.NotAuthenticatedError(), new errors.InvalidTokenError(), new errors.InvalidCredentialsError()]) {
      expect(toErrorResponse(error, REQUEST_ID).headers).toEqual({ 'WWW-Authenticate': 'Token' });
    }
  });

  it.each(['55P03', '57014', '40001', '40P01', '57P01', '08006'])('answers PostgreSQL %s with 503 and Retry-After', (code) => {
    const response = toErrorResponse(postgresError(code), REQUEST_ID);
    expect(response.status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(response.headers).toEqual({ 'Retry-After': '1' });
    expect(response.body).toEqual({ error: 'Service temporarily unavailable, please retry' });
  });

  it('answers a lost connection with 503', () => {
    expect(toErrorResponse(new Error('Connection terminated unexpectedly'), REQUEST_ID).status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(toErrorResponse(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), REQUEST_ID).status).toBe(
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  });

  it.each([
    ['a pool wait past connectionTimeoutMillis', new Error('timeout exceeded when trying to connect')],
    ['a transaction whose connection died', new QueryRunnerAlreadyReleasedError()],
    ['a statement on a released runner', new QueryRunnerProviderAlreadyReleasedError()],
    ['an unreachable Redis', new Error('Reached the max retries per request limit (which is 1).')],
  ])('answers %s with 503', (_, error) => {
    expect(toErrorResponse(error, REQUEST_ID)).toMatchObject({ status: HttpStatus.SERVICE_UNAVAILABLE, unexpected: false });
  });

  it('answers any other database error as a bug: 500 with the request id only', () => {
    const response = toErrorResponse(postgresError('23505'), REQUEST_ID);
    expect(response).toEqual({
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: 'Internal server error', details: { request_id: REQUEST_ID } },
      headers: {},
      unexpected: true,
    });
  });

  it('answers Nest’s own HTTP errors (Fastify’s refusals arrive as those) with plain messages', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /api/x'), REQUEST_ID).body).toEqual({ error: 'Not found.' });
    expect(toErrorResponse(new HttpException('Request body is too large', 413), REQUEST_ID)).toMatchObject({
      status: 413,
      body: { error: 'Request body too large (limit 1 MB).' },
    });
    expect(toErrorResponse(new HttpException('Unsupported Media Type', 415), REQUEST_ID).body).toEqual({
      error: 'Unsupported media type.',
    });
  });
});
