import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { serveAdminDashboard } from './admin-dashboard/serve-admin-dashboard';
import { HttpSessions } from './auth/http-sessions';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { MAX_BODY_BYTES, parseJsonBodies } from './common/http/body-parsing';
import { corsFor } from './common/http/cors';
import { closeConnectionsWhileDraining } from './common/http/drain';
import { echoRequestId, requestIdFor } from './common/http/request-id';
import { sendSecurityHeaders } from './common/http/security-headers';
import { servedBy } from './common/http/served-by';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { AppConfig } from './config/app-config';
import { trustProxyFrom } from './config/env.schema';
import { tlsFilesFrom } from './config/tls-files';
import { APP_LOGGER } from './observability/logging.module';
import { recordHttpMetrics } from './observability/metrics/http-metrics';
import { Metrics } from './observability/metrics/metrics';
import { logRequests } from './observability/request-log';
import { setUpSwagger } from './swagger';

/**
 * Body parsing is ours (see body-parsing.ts), so Nest's own parser is switched off. Start-up logs
 * wait for the JSON logger (bufferLogs) instead of going to the console in another format.
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, abortOnError: false, bufferLogs: true };

/**
 * Fastify takes what it needs per request at construction: which proxies to believe and whether to
 * serve HTTPS itself (read from the environment here, validated by the same schema as AppConfig),
 * the body limit, and how request ids are made. Paths match with or without their trailing slash,
 * as the contract writes them with one.
 */
export function createHttpAdapter(environment: NodeJS.ProcessEnv = process.env): FastifyAdapter {
  const https = tlsFilesFrom(environment);
  return new FastifyAdapter({
    ...(https && { https }),
    trustProxy: trustProxyFrom(environment),
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    genReqId: requestIdFor,
    // The caller's X-Request-Id is read (and checked) by requestIdFor, not taken as it comes.
    requestIdHeader: false,
  });
}

/** Routes live under /api; Prometheus expects /metrics at the root, like every other exporter. */
export function prefixRoutesWithApi(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
}

/** Everything app-wide, shared by main.ts and the tests so both run the same pipeline. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(app.get(Logger));
  logRequests(fastify, app.get(APP_LOGGER));
  fastify.addHook('onRequest', echoRequestId);
  fastify.addHook('onRequest', servedBy(config.instanceName));
  recordHttpMetrics(fastify, app.get(Metrics));
  closeConnectionsWhileDraining(fastify);
  sendSecurityHeaders(fastify);
  app.enableCors({ delegator: corsFor(config.corsOrigins) });
  parseJsonBodies(fastify);
  await app.get(HttpSessions).register(app);
  prefixRoutesWithApi(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setUpSwagger(app);
  serveAdminDashboard(app);
}
