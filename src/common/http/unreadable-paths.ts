import { IncomingMessage } from 'node:http';

import { Logger } from '@nestjs/common';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { rawErrorAnswer } from './raw-error-answer';

/** The router's limit on one path parameter (Fastify's default); every id is a UUID, 36 characters. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

const UNREADABLE_PATH = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH']);
// Stands for a segment the router cannot read: it reads this one, and no route or id is called so.
const UNREADABLE_SEGMENT = 'unreadable';

type RoutedRequest = IncomingMessage & { originalUrl?: string };
const routedAgain = new WeakSet<IncomingMessage>();
const logger = new Logger('Router');

/**
 * Fastify's frameworkErrors: the router refuses a path it cannot read (a bad percent-escape,
 * FST_ERR_BAD_URL; a segment past MAX_PATH_PARAMETER_LENGTH, FST_ERR_MAX_PARAM_LENGTH) before any
 * hook has run, with a body of its own. Such a segment names nothing, like a malformed id
 * (contract: Conventions), so it is swapped for one the router can read and the request is routed
 * again: it then gets a malformed id's answer on that route (the route's guard first, then its
 * "not found"), through the hooks and the error filter like every request.
 */
export function routeUnreadablePathsAsMalformedIds(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const raw: RoutedRequest = request.raw;
  if (!UNREADABLE_PATH.has(error.code) || routedAgain.has(raw)) {
    // Nothing else reaches here (no route has an async constraint), nor does a path once rewritten: a bug.
    logger.error(`${raw.method} ${raw.originalUrl ?? raw.url} refused by the router [request ${request.id}]`, error.stack);
    const { status, headers, body } = rawErrorAnswer(error, request.id);
    reply.raw.writeHead(status, headers).end(body);
    return;
  }
  routedAgain.add(raw);
  raw.originalUrl = raw.url;
  raw.url = withReadableSegments(raw.url ?? '/');
  request.server.routing(raw, reply.raw);
}

/** `url` with each path segment the router cannot read replaced; the query string stays as sent. */
function withReadableSegments(url: string): string {
  const pathEnd = url.search(/[?#]/);
  const path = pathEnd === -1 ? url : url.slice(0, pathEnd);
  const segments = path.split('/').map((segment) => (isReadable(segment) ? segment : UNREADABLE_SEGMENT));
  return segments.join('/') + url.slice(path.length);
}

function isReadable(segment: string): boolean {
  try {
    return decodeURIComponent(segment).length <= MAX_PATH_PARAMETER_LENGTH;
  } catch {
    return false; // a bad percent-escape
  }
}
