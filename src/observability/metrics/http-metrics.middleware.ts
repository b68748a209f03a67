import { Request, RequestHandler } from 'express';

import { Metrics } from './metrics';

/**
 * Counts and times every response. The route label is the matched route's template
 * (`/api/bookings/:bookingId`), never the raw URL, so ids do not explode the series count.
 */
export function recordHttpMetrics(metrics: Metrics): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const labels = { method: request.method, route: routeTemplate(request), status: String(response.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

function routeTemplate(request: Request): string {
  const path: unknown = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
