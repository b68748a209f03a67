import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import { serveAdminDashboard } from './admin-dashboard/serve-admin-dashboard';
import { HttpSessions } from './auth/http-sessions';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { MAX_BODY_BYTES, parseJsonBodies } from './common/http/body-parsing';
import { answerClientError } from './common/http/client-errors';
import { corsFor } from './common/http/cors';
import { closeConnectionsWhileDraining } from './common/http/drain';
import { answerUnmetExpectations } from './common/http/expectations';
import { echoRequestId, requestIdFor } from './common/http/request-id';
import { requestTimeoutOptions } from './common/http/request-timeout';
import { sendSecurityHeaders } from './common/http/security-headers';
import { servedBy } from './common/http/served-by';
import { MAX_PATH_PARAMETER_LENGTH, routeUnreadablePathsAsMalformedIds } from './common/http/unreadable-paths';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { AppConfig } from './config/app-config';
import { httpAdapterSettingsFrom } from './config/env.schema';
import { tlsFilesFrom } from './config/tls-files';
import { Metrics } from './metrics/metrics';
import { APP_LOGGER } from './observability/logging.module';
import { recordHttpMetrics } from './observability/metrics/http-metrics';
import { logRequests } from './observability/request-log';
import { setUpSwagger } from './swagger';

/**
 * Body parsing is ours (see body-parsing.ts), so Nest's own parser is switched off. Start-up logs
 * wait for the JSON logger (bufferLogs) instead of going to the console in another format.
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, abortOnError: false, bufferLogs: true };

/**
 * Fastify takes what it needs per request at construction: which proxies to believe, how long a
 * request may take to arrive and whether to serve HTTPS itself (read from the environment here,
 * validated by the same schema as AppConfig), the body limit, and how request ids are made. Paths
 * match with or without their trailing slash, as the contract writes them with one. What Fastify
 * and Node would otherwise answer themselves, in their own body and before any hook, goes through
 * the error table too: a path the router cannot read, a connection the HTTP parser gives up on, a
 * request while closing.
 */
export function createHttpAdapter(environment: NodeJS.ProcessEnv = process.env): FastifyAdapter {
  const settings = httpAdapterSettingsFrom(environment);
  const https = tlsFilesFrom(environment);
  return new FastifyAdapter({
    ...(https && { https }),
    trustProxy: settings.TRUST_PROXY,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    genReqId: requestIdFor,
    // The caller's X-Request-Id is read (and checked) by requestIdFor, not taken as it comes.
    requestIdHeader: false,
    ...requestTimeoutOptions(settings.REQUEST_TIMEOUT_MS),
    frameworkErrors: routeUnreadablePathsAsMalformedIds,
    clientErrorHandler: answerClientError,
    // closeConnectionsWhileDraining answers those 503s, through the error filter.
    return503OnClosing: false,
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
  answerUnmetExpectations(fastify.server);
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
