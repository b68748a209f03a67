import { IncomingMessage } from 'node:http';

import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, stdTimeFunctions } from 'pino';
import { Options } from 'pino-http';

import { AppConfig } from '../config/app-config';

/** The raw request as middie hands it to middleware: with Fastify's request id and the URL as asked. */
type RawRequest = IncomingMessage & { id: string; originalUrl: string };

/** Where JSON log lines go: stdout. Tests swap in a stream they can read. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

function httpLogOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    // Level names and ISO times read better in a terminal and in any log shipper than 30 and epoch ms.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: stdTimeFunctions.isoTime,
    // Fastify made the id (requestIdFor); middie, which runs this logger as Nest middleware, copies it to the raw request.
    genReqId: (request: IncomingMessage) => (request as RawRequest).id,
    // Every line of a request carries only its id (not the whole request), under our wire name.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'request_id' },
    // Load balancer and compose probes hit /api/health every few seconds; their lines say nothing.
    // (The URL as asked: middie, which runs this middleware, shortens `url` to the part past its mount path.)
    autoLogging: { ignore: (request: IncomingMessage) => Boolean((request as RawRequest).originalUrl.startsWith('/api/health')) },
    // Headers stay out of the log: they hold API keys and session cookies.
    serializers: {
      req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ status_code: response.statusCode }),
    },
  };
}

/** pino-pretty is a development convenience (a devDependency): only for a person at a terminal. */
function wantsPrettyOutput(config: AppConfig): boolean {
  return config.environment === 'development' && Boolean(process.stdout.isTTY);
}

/**
 * Structured JSON logs through nestjs-pino: one line per event, the request id on every line of
 * a request (Fastify's request id), Nest's own Logger calls included.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      // Asynchronous: lines written while a write is in flight go out together, one syscall for
      // many (hot booking +8% in `npm run bench`); a kill -9 may lose the last few lines.
      providers: [{ provide: LOG_DESTINATION, useFactory: () => pino.destination({ dest: 1, sync: false }) }],
      inject: [AppConfig, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream) => {
        const options = httpLogOptions(config);
        // Every path, in Nest 11's route syntax (under the /api prefix; /metrics is not logged per scrape).
        const forRoutes = [{ path: '{*path}', method: RequestMethod.ALL }];
        if (wantsPrettyOutput(config)) {
          return { forRoutes, pinoHttp: { ...options, transport: { target: 'pino-pretty', options: { singleLine: true } } } };
        }
        return { forRoutes, pinoHttp: [options, destination] };
      },
    }),
  ],
})
export class LoggingModule {}
