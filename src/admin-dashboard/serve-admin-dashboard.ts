import { dirname, join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The folder of a package's entry point: the browser build ships beside it. */
const packageFolder = (name: string) => dirname(require.resolve(name));

/**
 * The operator's dashboard at /admin/: plain HTML and ES modules from admin/ (no build step), and
 * the two libraries it imports, served from node_modules as their packages ship them. Outside
 * the /api prefix, so not in the OpenAPI document. (@fastify/static: no `reply.sendFile` is
 * used, and Swagger UI's registration does not add it either, so none decorates the reply.)
 */
export function serveAdminDashboard(app: NestFastifyApplication): void {
  // A route per file (wildcard off) gives /admin/ its index.html: the router ignores trailing slashes,
  // so a /admin/* route would never see /admin/.
  app.useStaticAssets({ root: join(__dirname, '..', '..', 'admin'), prefix: '/admin/', wildcard: false, decorateReply: false });
  app.useStaticAssets({ root: packageFolder('openapi-fetch'), prefix: '/admin/vendor/openapi-fetch/', decorateReply: false });
  app.useStaticAssets({ root: packageFolder('chartist'), prefix: '/admin/vendor/chartist/', decorateReply: false });
}
