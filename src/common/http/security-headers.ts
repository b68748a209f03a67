import helmet from 'helmet';

/**
 * helmet's defaults (CSP, nosniff, frame-ancestors, HSTS, ...). Swagger UI at /api/docs/ fits
 * them: its scripts are files of our own origin and its inline styles are allowed by helmet's
 * style-src. `upgrade-insecure-requests` is dropped because the server itself speaks plain HTTP
 * (TLS ends at the proxy), and a browser on http://localhost would otherwise fetch the OpenAPI
 * document over HTTPS and fail.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
});
