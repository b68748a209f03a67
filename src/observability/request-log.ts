import { AsyncLocalStorage } from 'node:async_hooks';

import { FastifyInstance } from 'fastify';
import { Logger } from 'pino';

const requestIds = new AsyncLocalStorage<string>();

/** The id of the request being served, for the logger's mixin; undefined outside a request. */
export function requestIdOfThisRequest(): string | undefined {
  return requestIds.getStore();
}

/**
 * One line per answered request, with its id, method, URL as the client sent it (unreadable-paths.ts
 * routes a path the router cannot read under another; headers stay out: they hold API keys and
 * session cookies), status and time; every other line written while it is served gets its id
 * from the logger's mixin. Written from Fastify's hooks with the one logger: no middleware layer
 * and no child logger per request (pino-http made two, through middie: about 7% of a cheap
 * request's CPU, docs/performance.md).
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => requestIds.run(request.id, done));
  fastify.addHook('onResponse', (request, reply, done) => {
    // Load balancer and compose probes hit /api/health every few seconds; their lines say nothing.
    if (!request.url.startsWith('/api/health')) {
      // A 5xx is an error line too, for whoever alerts on them (the error filter logs its stack).
      logger[reply.statusCode >= 500 ? 'error' : 'info'](
        {
          request_id: request.id,
          req: { method: request.method, url: request.originalUrl },
          res: { status_code: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
