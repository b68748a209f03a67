import { IncomingMessage, ServerResponse } from 'node:http';

import { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * helmet's defaults (CSP, nosniff, frame-ancestors, HSTS, ...). Swagger UI at /api/docs/ fits
 * them: its scripts are files of our own origin and its inline styles are allowed by helmet's
 * style-src. `upgrade-insecure-requests` is dropped because the server may speak plain HTTP (TLS
 * ending at the proxy, or a developer's http://localhost), and a browser would then fetch the
 * OpenAPI document over HTTPS and fail.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};
const HSTS = 'Strict-Transport-Security';

/**
 * helmet's headers, as it writes them. They depend on nothing in the request but its scheme, so
 * helmet writes them once, at start-up, and each answer copies one of two sets: @fastify/helmet
 * builds helmet anew on every request (its directives parsed again each time), about 5% of a
 * cheap request's CPU.
 */
const OVER_HTTPS: Readonly<Record<string, string>> = Object.freeze(headersWrittenBy(helmet(HELMET_OPTIONS)));
const OVER_HTTP: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(OVER_HTTPS).filter(([name]) => name !== HSTS)),
);

/**
 * The security headers of an answer to a request that came over `protocol`: HSTS only over HTTPS,
 * to this server's own TLS or per a trusted proxy's X-Forwarded-Proto (Fastify's
 * `request.protocol`). Over plain HTTP browsers ignore it (RFC 6797 8.1), and a plain-HTTP origin
 * that sent it would be telling a falsehood about itself.
 */
export function securityHeadersFor(protocol: string): Readonly<Record<string, string>> {
  return protocol === 'https' ? OVER_HTTPS : OVER_HTTP;
}

/** Sends the security headers on every answer. */
export function sendSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeadersFor(request.protocol));
    done();
  });
}

function headersWrittenBy(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (headers[name] = String(value)), removeHeader: () => undefined };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
