import { FastifyInstance } from 'fastify';

import { ServiceUnavailableError } from '../errors/domain-errors';

/**
 * Once the app is closing (SIGTERM), each answer still in flight closes its connection. Node's
 * `server.close()` reaps only the connections idle at that moment, and Fastify keeps a busy one
 * open for its keepAliveTimeout (72 s) after the last answer, holding up the exit and with it the
 * database pool. A request that still arrives on a busy connection gets 503 through the error
 * filter (safe to retry on another instance); Fastify's own 503 (`return503OnClosing`, off in
 * app.setup.ts) would bypass it.
 */
export function closeConnectionsWhileDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onRequest', (_request, _reply, done) => done(draining ? new ServiceUnavailableError() : undefined));
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
}
