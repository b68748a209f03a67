import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

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

/** Documents one error answer of a route with the contract's body as the example. */
export function ApiError(status: number, description: string, example: Record<string, unknown>) {
  return ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) }, example } },
  });
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
