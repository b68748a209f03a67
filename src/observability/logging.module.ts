import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, Logger, LoggerOptions, stdTimeFunctions } from 'pino';

import { AppConfig } from '../config/app-config';
import { requestIdOfThisRequest } from './request-log';

/** Where JSON log lines go: stdout. Tests swap in a stream they can read. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** The one pino logger: Nest's Logger calls (through nestjs-pino) and the request log (request-log.ts) write to it. */
export const APP_LOGGER = Symbol('APP_LOGGER');

function logOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    // Level names and ISO times read better in a terminal and in any log shipper than 30 and epoch ms.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
    // Every line written while a request is being served carries its id, without a child logger per request.
    mixin: () => {
      const requestId = requestIdOfThisRequest();
      return requestId === undefined ? {} : { request_id: requestId };
    },
  };
}

/** pino-pretty is a development convenience (a devDependency): only for a person at a terminal. */
function wantsPrettyOutput(config: AppConfig): boolean {
  return config.environment === 'development' && Boolean(process.stdout.isTTY);
}

/**
 * Structured JSON logs: one line per event, the request id on every line of a request, Nest's own
 * Logger calls included (nestjs-pino is Nest's logger; the request log is request-log.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [
        // Asynchronous: lines written while a write is in flight go out together, one syscall for
        // many (hot booking +8% in `npm run bench`); a kill -9 may lose the last few lines.
        { provide: LOG_DESTINATION, useFactory: () => pino.destination({ dest: 1, sync: false }) },
        {
          provide: APP_LOGGER,
          inject: [AppConfig, LOG_DESTINATION],
          useFactory: (config: AppConfig, destination: DestinationStream): Logger =>
            wantsPrettyOutput(config)
              ? pino({ ...logOptions(config), transport: { target: 'pino-pretty', options: { singleLine: true } } })
              : pino(logOptions(config), destination),
        },
      ],
      inject: [APP_LOGGER],
      // No routes: nestjs-pino's own request logging (pino-http as Nest middleware) is replaced by request-log.ts.
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
})
export class LoggingModule {}
