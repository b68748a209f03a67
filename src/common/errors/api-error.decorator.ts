import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class ErrorBody {
  @ApiProperty({ example: 'Event not found' })
  error: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { number_of_tickets: ['number_of_tickets must not be less than 1'] },
  })
  details?: unknown;
}

/** A booking's 409: the figures come with "Insufficient tickets" only (contract 1). */
export class BookingConflictBody extends ErrorBody {
  @ApiPropertyOptional({ example: 5, description: 'With "Insufficient tickets": the tickets left.' })
  available_tickets?: number;

  @ApiPropertyOptional({ example: 10, description: 'With "Insufficient tickets": the tickets asked for.' })
  requested_tickets?: number;
}

export class CapacityBelowSoldBody extends ErrorBody {
  @ApiProperty({ example: 40 })
  tickets_sold: number;

  @ApiProperty({ example: 5 })
  tickets_held: number;

  @ApiProperty({ example: 30 })
  requested_capacity: number;
}

/**
 * Documents one error answer of a route with the contract's body as the example; `body` names
 * the schema when the error carries fields besides `error` and `details`.
 */
export function ApiError(status: number, description: string, example: Record<string, unknown>, body: Type<ErrorBody> = ErrorBody) {
  return applyDecorators(
    ApiExtraModels(body),
    ApiResponse({
      status,
      description,
      content: { 'application/json': { schema: { $ref: getSchemaPath(body) }, example } },
    }),
  );
}

export const ApiAuthErrors = () =>
  applyDecorators(
    ApiError(401, 'No or bad credentials (header `WWW-Authenticate: Token`).', { error: 'Authentication credentials were not provided.' }),
    ApiError(403, 'Session request without the CSRF token.', { error: 'CSRF token missing or invalid' }),
  );

export const ApiValidationError = () =>
  ApiError(400, 'Invalid input; `details` lists the problems by field.', {
    error: 'Invalid input.',
    details: { number_of_tickets: ['number_of_tickets must not be less than 1'] },
  });

/** A write in the event's turn that waited past the lock timeout or found the line full: 503 with `Retry-After`, nothing done. */
export const ApiEventBusy = (outcome: string) =>
  ApiError(503, `The event is too busy right now; ${outcome}, retry.`, { error: 'Service temporarily unavailable, please retry' });
