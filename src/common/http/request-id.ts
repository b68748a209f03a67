import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

import { FastifyReply, FastifyRequest } from 'fastify';

// A caller's id is echoed only when it is safe to put in a header and a log line.
const ACCEPTABLE_INCOMING_ID = /^[\w.:-]{1,128}$/;

/**
 * Fastify's genReqId: the caller's `X-Request-Id` when sane, else a new UUID. Fastify keeps it as
 * `request.id`, which the answer's header, the request log and the error answers all use, so log
 * lines and responses agree.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE_INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** An onRequest hook: every answer, errors included, names its request. */
export function echoRequestId(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  reply.header('X-Request-Id', request.id);
  done();
}
