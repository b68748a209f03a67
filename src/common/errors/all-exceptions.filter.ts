import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Request, Response } from 'express';

import { requestIdOf } from '../http/request-id';
import { toErrorResponse } from './error-table';

/** Turns every error into the contract's `{error, details}` JSON; stacks go to the log only. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

export function sendError(exception: unknown, request: Request, response: Response, logger: Logger): void {
  const requestId = requestIdOf(request);
  const { status, body, headers, unexpected } = toErrorResponse(exception, requestId);
  if (unexpected) {
    logger.error(`${request.method} ${request.originalUrl} failed [request ${requestId}]`, (exception as Error)?.stack);
  }
  if (response.headersSent) return;
  response.status(status).set(headers).json(body);
}
