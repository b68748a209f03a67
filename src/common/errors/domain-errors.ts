/**
 * Errors the services throw. They know nothing of HTTP: `error-table.ts` gives each its status.
 * `message` is the contract's `error` text; `fields` are extra top-level body fields.
 */
/** A domain error's class, as the error table and the rejection reasons look errors up by it. */
export type DomainErrorClass = abstract new (...args: never[]) => DomainError;

export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly extras: { details?: unknown; fields?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationFailedError extends DomainError {
  constructor(details: FieldErrors) {
    super('Invalid input.', { details });
  }
}

/** A body that is not JSON text (contract: Conventions, 400). */
export class MalformedJsonError extends DomainError {
  constructor() {
    super('Malformed JSON in request body.');
  }
}

export class JsonTooDeepError extends DomainError {
  constructor(limit: number) {
    super(`JSON nested deeper than ${limit} levels.`);
  }
}

/** A request Node's HTTP parser cannot read: not HTTP, a method it does not know, both Content-Length and Transfer-Encoding. */
export class MalformedHttpRequestError extends DomainError {
  constructor() {
    super('Malformed HTTP request.');
  }
}

/** Request headers (the URL among them) past Node's `maxHeaderSize`, 16 KB. */
export class RequestHeadersTooLargeError extends DomainError {
  constructor() {
    super('Request headers too large.');
  }
}

/** A request not received whole within `REQUEST_TIMEOUT_MS`. */
export class RequestTimeoutError extends DomainError {
  constructor() {
    super('Request not received in time.');
  }
}

/** An `Expect` header other than `100-continue`, the one expectation HTTP defines. */
export class ExpectationFailedError extends DomainError {
  constructor() {
    super('Only "Expect: 100-continue" is supported.');
  }
}

export class NotAuthenticatedError extends DomainError {
  constructor() {
    super('Authentication credentials were not provided.');
  }
}

export class InvalidTokenError extends DomainError {
  constructor() {
    super('Invalid token.');
  }
}

/** `POST /api/auth/token/` answers bad credentials with 400, as Django REST framework does. */
export class UnableToLogInError extends DomainError {
  constructor() {
    super('Unable to log in with provided credentials.');
  }
}

/** `POST /api/auth/login/` answers bad credentials with 401. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('Invalid username or password.');
  }
}

export class PermissionDeniedError extends DomainError {
  constructor() {
    super('You do not have permission to perform this action.');
  }
}

export class CsrfTokenError extends DomainError {
  constructor() {
    super('CSRF token missing or invalid');
  }
}

export class UsernameTakenError extends DomainError {
  constructor() {
    super('A user with that username already exists.');
  }
}

export class UserNotFoundError extends DomainError {
  constructor() {
    super('User not found');
  }
}

export class EventNotFoundError extends DomainError {
  constructor() {
    super('Event not found');
  }
}

export class BookingNotFoundError extends DomainError {
  constructor() {
    super('Booking not found');
  }
}

export class InvalidPageError extends DomainError {
  constructor() {
    super('Invalid page.');
  }
}

export class InsufficientTicketsError extends DomainError {
  constructor(availableTickets: number, requestedTickets: number) {
    super('Insufficient tickets', {
      fields: { available_tickets: availableTickets, requested_tickets: requestedTickets },
    });
  }
}

export class EventNotOpenError extends DomainError {
  constructor() {
    super('Event is not open for booking');
  }
}

/** A rule of the event on the request itself, so 400 like any other invalid field. */
export class TooManyTicketsPerBookingError extends ValidationFailedError {
  constructor(maxTicketsPerBooking: number) {
    super({ number_of_tickets: [`number_of_tickets must not be greater than ${maxTicketsPerBooking} for this event`] });
  }
}

export class BookingAlreadyCancelledError extends DomainError {
  constructor() {
    super('Booking is already cancelled');
  }
}

/** Contract 5: the seats booked and the seats held both count against a new capacity. */
export class CapacityBelowSoldError extends DomainError {
  constructor(ticketsSold: number, ticketsHeld: number, requestedCapacity: number) {
    super('Capacity cannot be below the tickets already sold', {
      fields: { tickets_sold: ticketsSold, tickets_held: ticketsHeld, requested_capacity: requestedCapacity },
    });
  }
}

export class HoldNotFoundError extends DomainError {
  constructor() {
    super('Hold not found');
  }
}

/** Contract 5: from `expires_at` on (database time), swept or not. */
export class HoldExpiredError extends DomainError {
  constructor() {
    super('Hold has expired');
  }
}

export class HoldNotActiveError extends DomainError {
  constructor(status: string, bookingId: string | null) {
    super('Hold is not active', { fields: { status, booking_id: bookingId } });
  }
}

export class ActiveHoldExistsError extends DomainError {
  constructor(holdId: string) {
    super('Active hold exists', { fields: { hold_id: holdId } });
  }
}

export class WaitlistEntryNotFoundError extends DomainError {
  constructor() {
    super('Waiting list entry not found');
  }
}

/** Contract 6: the waiting list is for requests that do not fit now. */
export class TicketsAvailableError extends DomainError {
  constructor(availableTickets: number) {
    super('Tickets are available', { fields: { available_tickets: availableTickets } });
  }
}

export class AlreadyOnWaitlistError extends DomainError {
  constructor(entryId: string) {
    super('Already on the waiting list', { fields: { entry_id: entryId } });
  }
}

/** Leaving an entry that is no longer waiting or offered (converted, declined, expired, left, cancelled). */
export class NotOnWaitlistError extends DomainError {
  constructor(status: string) {
    super('Not on the waiting list', { fields: { status } });
  }
}

/** Contract: Idempotent retries. */
export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('Idempotency key reused with a different request');
  }
}

export class IdempotencyKeyInProgressError extends DomainError {
  constructor() {
    super('Request with this idempotency key is in progress');
  }
}

/** A rate limit of the contract (Limits and caching) is spent; `retryAfterSeconds` until it frees up. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests.');
  }
}

/** The database is unreachable or a lock could not be had in time: nothing changed, safe to retry. */
export class ServiceUnavailableError extends DomainError {
  constructor(details?: Record<string, string>) {
    super('Service temporarily unavailable, please retry', details ? { details } : {});
  }
}
