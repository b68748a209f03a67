import { FastifyInstance } from 'fastify';

import { JsonTooDeepError, MalformedJsonError } from '../errors/domain-errors';
import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';

/** Contract: 413 beyond 1 MB. Fastify answers it before reading further (FST_ERR_CTP_BODY_TOO_LARGE). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * JSON is the only body the API reads; any other media type is a 415. The JSON parser is
 * Fastify's own (it refuses `__proto__` and `constructor.prototype` keys), behind the nesting
 * check. An empty JSON body counts as none, as clients send `Content-Type: application/json`
 * on a body-less DELETE too.
 */
export function parseJsonBodies(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (body.length === 0) return done(null, undefined);
    if (nestsDeeperThan(body, MAX_JSON_NESTING)) return done(new JsonTooDeepError(MAX_JSON_NESTING), undefined);
    parseJson(request, body, (error, value) => done(error ? new MalformedJsonError() : null, value));
  });
}
