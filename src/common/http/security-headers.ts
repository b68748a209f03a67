import { IncomingMessage, ServerResponse } from 'node:http';

import { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * helmet's defaults (CSP, nosniff, frame-ancestors, HSTS, ...). Swagger UI at /api/docs/ fits
 * them: its scripts are files of our own origin and its inline styles are allowed by helmet's
 * style-src. `upgrade-insecure-requests` is dropped because the server itself speaks plain HTTP
 * (TLS ends at the proxy), and a browser on http://localhost would otherwise fetch the OpenAPI
 * document over HTTPS and fail.
 */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

/**
 * helmet's headers, as it writes them. They depend on no request, so helmet writes them once, at
 * start-up, and each answer copies them: @fastify/helmet builds helmet anew on every request (its
 * directives parsed again each time), about 5% of a cheap request's CPU.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(headersWrittenBy(helmet(HELMET_OPTIONS)));

/** Sends helmet's headers on every answer. */
export function sendSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(SECURITY_HEADERS);
    done();
  });
}

function headersWrittenBy(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: unknown) => (headers[name] = String(value)), removeHeader: () => undefined };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
