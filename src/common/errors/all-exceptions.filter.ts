import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { securityHeadersFor } from '../http/security-headers';
import { toErrorResponse } from './error-table';

/**
 * Turns every error into the contract's `{error, details}` JSON; stacks go to the log only. Nest
 * also sends here what fails in Fastify's own hooks and parsers (a body too large, bad JSON). The
 * request id and the security headers are set here too, not left to the app's onRequest hooks:
 * Nest's adapter runs hooks of its own before them, and refuses a target that is not a path
 * (`OPTIONS *`) from there.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, headers, unexpected } = toErrorResponse(exception, request.id);
    if (unexpected) {
      this.logger.error(`${request.method} ${request.originalUrl} failed [request ${request.id}]`, (exception as Error)?.stack);
    }
    if (reply.sent) return;
    void reply.status(status).headers(securityHeadersFor(request.protocol)).header('X-Request-Id', request.id).headers(headers).send(body);
  }
}
