import { dirname, join } from 'node:path';

import { NestExpressApplication } from '@nestjs/platform-express';

/** The folder of a package's entry point: the browser build ships beside it. */
const packageFolder = (name: string) => dirname(require.resolve(name));

/**
 * The operator's dashboard at /admin/: plain HTML and ES modules from admin/ (no build step), and
 * the two libraries it imports, served from node_modules as their packages ship them. Outside
 * the /api prefix, so not in the OpenAPI document. The one place that knows the HTTP adapter's
 * static-file call (Fastify's takes `{ root, prefix }`, with @fastify/static).
 */
export function serveAdminDashboard(app: NestExpressApplication): void {
  app.useStaticAssets(join(__dirname, '..', '..', 'admin'), { prefix: '/admin/' });
  app.useStaticAssets(packageFolder('openapi-fetch'), { prefix: '/admin/vendor/openapi-fetch/' });
  app.useStaticAssets(packageFolder('chartist'), { prefix: '/admin/vendor/chartist/' });
}
