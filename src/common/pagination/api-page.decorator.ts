import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

import { ApiError } from '../errors/api-error.decorator';
import { InvalidPageError, ValidationFailedError } from '../errors/domain-errors';

/**
 * Documents a paginated answer `{count, next, previous, results: [item]}`, its 404 for a bad page
 * and its 400 for a bad page size (contract 3).
 */
export function ApiPage(item: Type<unknown>, exampleUrl: string) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        required: ['count', 'next', 'previous', 'results'],
        properties: {
          count: { type: 'integer', minimum: 0, example: 25 },
          next: { type: 'string', format: 'uri', nullable: true, example: `${exampleUrl}?page=3` },
          previous: { type: 'string', format: 'uri', nullable: true, example: `${exampleUrl}?page=1` },
          results: { type: 'array', items: { $ref: getSchemaPath(item) } },
        },
      },
    }),
    ApiError(
      'A query parameter is invalid (`page_size` not a positive integer, ...).',
      new ValidationFailedError({ page_size: ['page_size must not be less than 1'] }),
    ),
    ApiError('Page past the end, below 1 or not an integer.', new InvalidPageError()),
  );
}
