import { FastifyInstance } from 'fastify';

/**
 * Once the app is closing (SIGTERM), each answer still in flight closes its connection. Node's
 * `server.close()` reaps only the connections idle at that moment, and Fastify keeps a busy one
 * open for its keepAliveTimeout (72 s) after the last answer, holding up the exit and with it the
 * database pool. (New requests during the drain already get Fastify's 503.)
 */
export function closeConnectionsWhileDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('Connection', 'close');
    done(null, payload);
  });
}
