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
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};
const HSTS = 'Strict-Transport-Security';

/**
 * Sends helmet's headers on every answer, and HSTS only on answers to HTTPS requests: a request
 * that came over TLS to this server, or one a trusted proxy (TRUST_PROXY) says came over HTTPS in
 * X-Forwarded-Proto (Fastify's `request.protocol`). Over plain HTTP browsers ignore it (RFC 6797
 * 8.1), and a plain-HTTP origin that sent it would be telling a falsehood about itself.
 * The headers depend on nothing else in the request, so helmet writes them once, at start-up, and
 * each request copies one of two sets: @fastify/helmet builds helmet anew on every request (its
 * directives parsed again each time), about 5% of a cheap request's CPU.
 */
export function sendSecurityHeaders(fastify: FastifyInstance): void {
  const overHttps = headersWrittenBy(helmet(SECURITY_HEADERS));
  const overHttp = Object.fromEntries(Object.entries(overHttps).filter(([name]) => name !== HSTS));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.protocol === 'https' ? overHttps : overHttp);
    done();
  });
}

function headersWrittenBy(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (headers[name] = String(value)), removeHeader: () => undefined };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
