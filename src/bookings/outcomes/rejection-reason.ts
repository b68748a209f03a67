import * as errors from '../../common/errors/domain-errors';
import { toErrorResponse } from '../../common/errors/error-table';
import { RejectionReason } from '../../schema/booking-rejection.entity';

// Most specific class first: TooManyTicketsPerBookingError is a ValidationFailedError.
const REASON_OF_ERROR: [errors.DomainErrorClass, RejectionReason][] = [
  [errors.InsufficientTicketsError, 'insufficient_tickets'],
  [errors.EventNotOpenError, 'event_not_open'],
  [errors.EventNotFoundError, 'event_not_found'],
  [errors.TooManyTicketsPerBookingError, 'over_max_per_booking'],
  [errors.ValidationFailedError, 'invalid_request'],
  [errors.PermissionDeniedError, 'not_allowed'],
  [errors.UserNotFoundError, 'user_not_found'],
  [errors.IdempotencyKeyReusedError, 'idempotency_key_reused'],
  [errors.IdempotencyKeyInProgressError, 'idempotency_in_progress'],
];

/** Why a booking request failed, as a short label for logs, metrics and analytics. */
export function rejectionReasonOf(error: unknown): RejectionReason {
  const match = REASON_OF_ERROR.find(([type]) => error instanceof type);
  if (match) return match[1];
  // Lock timeouts and a lost database arrive as driver errors; the error table already knows them.
  return toErrorResponse(error, '').status === 503 ? 'busy' : 'other';
}
