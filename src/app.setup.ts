import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';

import { serveAdminDashboard } from './admin-dashboard/serve-admin-dashboard';
import { HttpSessions } from './auth/http-sessions';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { answerBodyParsingErrors, parseJsonBody } from './common/http/body-parsing';
import { corsFor } from './common/http/cors';
import { assignRequestId } from './common/http/request-id';
import { securityHeaders } from './common/http/security-headers';
import { servedBy } from './common/http/served-by';
import { RequestValidationPipe } from './common/validation/request-validation.pipe';
import { AppConfig } from './config/app-config';
import { recordHttpMetrics } from './observability/metrics/http-metrics.middleware';
import { Metrics } from './observability/metrics/metrics';
import { setUpSwagger } from './swagger';

/**
 * Body parsing is ours (see body-parsing.ts), so Nest's own parser is switched off. Start-up logs
 * wait for the JSON logger (bufferLogs) instead of going to the console in another format.
 */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false, abortOnError: false, bufferLogs: true };

/** Routes live under /api; Prometheus expects /metrics at the root, like every other exporter. */
export function prefixRoutesWithApi(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
}

/** Everything app-wide, shared by main.ts and the tests so both run the same pipeline. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  express.use(securityHeaders);
  app.enableCors(corsFor(config.corsOrigins));
  express.use(assignRequestId);
  express.use(servedBy(config.instanceName));
  express.use(recordHttpMetrics(app.get(Metrics)));
  express.use(parseJsonBody);
  express.use(answerBodyParsingErrors);
  express.use(app.get(HttpSessions).middleware);
  prefixRoutesWithApi(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setUpSwagger(app);
  serveAdminDashboard(express);
}
