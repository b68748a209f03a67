import { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Names the instance on every answer (`X-Served-By`), so a client or a drill behind the load
 * balancer can tell which process served it. The one HTTP-adapter-specific piece of scale-out.
 */
export function servedBy(instanceName: string) {
  return (_request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    reply.header('X-Served-By', instanceName);
    done();
  };
}
