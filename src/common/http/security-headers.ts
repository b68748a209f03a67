import fastifyHelmet, { FastifyHelmetOptions } from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * helmet's defaults (CSP, nosniff, frame-ancestors, HSTS, ...). Swagger UI at /api/docs/ fits
 * them: its scripts are files of our own origin and its inline styles are allowed by helmet's
 * style-src. `upgrade-insecure-requests` is dropped because the server itself speaks plain HTTP
 * (TLS ends at the proxy), and a browser on http://localhost would otherwise fetch the OpenAPI
 * document over HTTPS and fail.
 */
const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
};

export async function sendSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, SECURITY_HEADERS);
}
