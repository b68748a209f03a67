import { FastifyCorsOptions, FastifyCorsOptionsDelegateCallback } from '@fastify/cors';

const ALLOWED: FastifyCorsOptions = {
  origin: true,
  credentials: true,
  exposedHeaders: ['Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
  maxAge: 600,
};

/**
 * CORS for the admin frontends: a listed origin may call with credentials (cookies); any other
 * origin gets no CORS headers at all, so the browser keeps its answers from the page.
 */
export function corsFor(allowedOrigins: string[]): FastifyCorsOptionsDelegateCallback {
  const listed = new Set(allowedOrigins);
  return (request, callback) => callback(null, listed.has(request.headers.origin ?? '') ? ALLOWED : { origin: false });
}
