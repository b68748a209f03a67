import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

import { ApiError } from '../errors/api-error.decorator';

/** Documents a paginated answer `{count, next, previous, results: [item]}` and its 404 for a bad page. */
export function ApiPage(item: Type<unknown>, exampleUrl: string) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        required: ['count', 'next', 'previous', 'results'],
        properties: {
          count: { type: 'integer', example: 25 },
          next: { type: 'string', nullable: true, example: `${exampleUrl}?page=3` },
          previous: { type: 'string', nullable: true, example: `${exampleUrl}?page=1` },
          results: { type: 'array', items: { $ref: getSchemaPath(item) } },
        },
      },
    }),
    ApiError(404, 'Page past the end, below 1 or not an integer.', { error: 'Invalid page.' }),
  );
}
