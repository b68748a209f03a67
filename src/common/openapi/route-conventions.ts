import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { OperationObject, SecurityRequirementObject } from '@nestjs/swagger';

import { documentErrors } from '../errors/api-error.decorator';
import { CsrfTokenError, InvalidTokenError, JsonTooDeepError, MalformedJsonError, NotAuthenticatedError } from '../errors/domain-errors';
import { MAX_JSON_NESTING } from '../http/json-nesting';
import { DocumentedRoute } from './documented-routes';
import { addErrorResponses } from './error-responses';

const SAFE_METHODS = new Set(['get', 'head', 'options']);

// The global authentication guard: an API key in either header form, or the session cookie, which
// on unsafe requests needs the CSRF token with it (contract: Authentication).
const KEY: SecurityRequirementObject[] = [{ token: [] }, { bearer: [] }];
const READ_SECURITY = [...KEY, { session: [] }];
const WRITE_SECURITY = [...KEY, { session: [], csrf: [] }];

const NOT_AUTHENTICATED = documentErrors('No or bad credentials.', new NotAuthenticatedError(), new InvalidTokenError());
const NO_CSRF_TOKEN = documentErrors('A session request without its `X-CSRF-Token`.', new CsrfTokenError());
const BODY_ERRORS = [
  documentErrors('The body is not JSON, or nests deeper than its limit.', new MalformedJsonError(), new JsonTooDeepError(MAX_JSON_NESTING)),
  documentErrors('The body is over 1 MB.', new PayloadTooLargeException()),
  documentErrors('The body is not `application/json`.', new UnsupportedMediaTypeException()),
];

/**
 * What the document says of a route because of where it sits rather than what it does: the
 * authentication guard's security and 401/403 unless it is @Public(), the JSON body parser's
 * refusals when it takes a body, UUID path parameters; then the route's own errors.
 */
export function documentRoute(operation: OperationObject, method: string, route: DocumentedRoute): void {
  const errors = [...route.errors];
  if (route.isPublic) {
    // An empty list, not none: the operation is open, whatever a document-wide requirement says.
    operation.security = [];
  } else if (SAFE_METHODS.has(method)) {
    operation.security = READ_SECURITY;
    errors.push(NOT_AUTHENTICATED);
  } else {
    operation.security = WRITE_SECURITY;
    errors.push(NOT_AUTHENTICATED, NO_CSRF_TOKEN);
  }
  if (operation.requestBody) errors.push(...BODY_ERRORS);
  for (const parameter of operation.parameters ?? []) {
    if ('in' in parameter && parameter.in === 'path' && route.idParameters.includes(parameter.name)) {
      parameter.schema = { type: 'string', format: 'uuid' };
    }
  }
  addErrorResponses(operation, errors);
}
