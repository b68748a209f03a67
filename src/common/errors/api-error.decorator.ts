import { HttpException, Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { DomainError, FieldErrors, ServiceUnavailableError, ValidationFailedError } from './domain-errors';
import { toErrorResponse } from './error-table';

/** The body of an error with nothing but its message (and, for some, `details`). Contract: Conventions. */
export class ErrorBody {
  @ApiProperty({ example: 'Event not found' })
  error: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Invalid input: the problems by field. A 500: its `request_id`.',
    example: { number_of_tickets: ['number_of_tickets must not be less than 1'] },
  })
  details?: Record<string, unknown>;
}

/** The `error` of a body shape that comes with one message only, so the typed client can tell the shapes apart. */
export const ErrorMessage = (message: string) => ApiProperty({ enum: [message], example: message });

/** One error a route answers: what the server throws, and the schema of the body it becomes. */
export interface ErrorAnswer {
  error: DomainError | HttpException;
  body: Type<unknown>;
}

/** A route's documented errors of one status, as ApiError stores them for the OpenAPI document. */
export interface DocumentedErrors {
  status: number;
  description: string;
  answers: ErrorAnswer[];
}

export const API_ERRORS = 'evently:apiErrors';

/**
 * An error whose body carries fields besides `error` (contract: "Insufficient tickets" with its
 * figures...) is documented with the schema of those fields, so the typed client knows them.
 */
export function answer(error: DomainError, body: Type<unknown>): ErrorAnswer {
  return { error, body };
}

type DocumentableError = DomainError | HttpException | ErrorAnswer;

function toAnswer(given: DocumentableError): ErrorAnswer {
  if ('body' in given) return given;
  if (given instanceof DomainError && given.extras.fields) {
    throw new Error(`${given.name} carries ${Object.keys(given.extras.fields).join(', ')}: document it with answer(error, itsBody)`);
  }
  return { error: given, body: ErrorBody };
}

/** Errors of one status with what they mean; their status comes from the error table, so all must share one. */
export function documentErrors(description: string, ...errors: DocumentableError[]): DocumentedErrors {
  const answers = errors.map(toAnswer);
  const statuses = new Set(answers.map(({ error }) => toErrorResponse(error, '').status));
  if (statuses.size !== 1) throw new Error(`'${description}' mixes statuses ${[...statuses].join(', ')}`);
  return { status: [...statuses][0], description, answers };
}

/**
 * Documents errors a route (or every route of a controller) answers, with the bodies the server
 * really sends as the examples. src/swagger.ts turns them into the document's responses: one per
 * status, with a schema per body shape.
 */
export function ApiError(description: string, ...errors: DocumentableError[]): ClassDecorator & MethodDecorator {
  const documented = documentErrors(description, ...errors);
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value ?? target) as object;
    const earlier = (Reflect.getMetadata(API_ERRORS, holder) as DocumentedErrors[] | undefined) ?? [];
    // Stacked decorators run bottom-up: putting each in front keeps the order they are written in.
    Reflect.defineMetadata(API_ERRORS, [documented, ...earlier], holder);
  };
}

export const ApiValidationError = (details: FieldErrors) =>
  ApiError('Invalid input; `details` lists the problems by field.', new ValidationFailedError(details));

/** A seat write that waited past the lock timeout or found the event's queue full: 503 with `Retry-After`, nothing done. */
export const ApiEventBusy = (outcome: string) =>
  ApiError(`The event is too busy right now; ${outcome}, retry.`, new ServiceUnavailableError());
