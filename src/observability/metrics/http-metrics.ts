import { FastifyInstance } from 'fastify';

import { Metrics } from '../../metrics/metrics';

/**
 * Counts and times every response. The route label is the matched route's template
 * (`/api/bookings/:bookingId`), never the raw URL, so ids do not explode the series count.
 */
export function recordHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
