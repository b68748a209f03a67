import { isDeepStrictEqual } from 'node:util';

import { ExampleObject, getSchemaPath, HeaderObject, OperationObject, ResponseObject } from '@nestjs/swagger';

import { DocumentedErrors } from '../errors/api-error.decorator';
import { toErrorResponse } from '../errors/error-table';

/** The headers the error table sets (contract: Conventions), as the document describes them. */
const HEADERS: Record<string, HeaderObject> = {
  'WWW-Authenticate': {
    description: 'The scheme to authenticate with: an API key as `Authorization: Token <key>`.',
    schema: { type: 'string', example: 'Token' },
  },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: 1 } },
};

/** Writes a route's documented errors into its responses: one response per status, a schema per body shape. */
export function addErrorResponses(operation: OperationObject, errors: DocumentedErrors[]): void {
  const byStatus = new Map<number, DocumentedErrors[]>();
  for (const documented of errors) byStatus.set(documented.status, [...(byStatus.get(documented.status) ?? []), documented]);
  for (const [status, documented] of byStatus) {
    if (operation.responses[status])
      throw new Error(`${operation.operationId}: ${status} is documented twice; document errors with ApiError`);
    operation.responses[status] = errorResponse(documented);
  }
}

function errorResponse(documented: DocumentedErrors[]): ResponseObject {
  const answers = documented.flatMap(({ answers }) => answers);
  const examples: Record<string, ExampleObject> = {};
  const headers: Record<string, HeaderObject> = {};
  for (const { error } of answers) {
    // The very body and headers the error filter answers with.
    const { body, headers: errorHeaders } = toErrorResponse(error, 'example-request-id');
    if (!Object.values(examples).some(({ value }) => isDeepStrictEqual(value, body))) {
      examples[exampleName(examples, error.name)] = { summary: summaryOf(body), value: body };
    }
    for (const name of Object.keys(errorHeaders)) {
      if (!HEADERS[name]) throw new Error(`The error table sets ${name}: describe it in HEADERS`);
      headers[name] = HEADERS[name];
    }
  }
  const schemas = [...new Set(answers.map(({ body }) => body))].map((body) => ({ $ref: getSchemaPath(body) }));
  return {
    description: documented.map(({ description }) => description).join('\n\n'),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { 'application/json': { schema: schemas.length === 1 ? schemas[0] : { anyOf: schemas }, examples } },
  };
}

/** The error's class name, numbered from the second example of one class on (several invalid inputs). */
function exampleName(examples: Record<string, ExampleObject>, name: string): string {
  let candidate = name;
  for (let n = 2; candidate in examples; n++) candidate = `${name}${n}`;
  return candidate;
}

/** The message, or for invalid input its first problem: "Invalid input." alone would not tell several examples apart. */
function summaryOf(body: { error: string; details?: unknown }): string {
  const [problems] = Object.values(body.details ?? {}) as unknown[];
  return Array.isArray(problems) && typeof problems[0] === 'string' ? problems[0] : body.error;
}
