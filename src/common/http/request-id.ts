import { randomUUID } from 'node:crypto';

import { NextFunction, Request, Response } from 'express';

const REQUEST_ID = Symbol('requestId');
// A caller's id is echoed only when it is safe to put in a header and a log line.
const ACCEPTABLE_INCOMING_ID = /^[\w.:-]{1,128}$/;

type RequestWithId = Request & { [REQUEST_ID]?: string };

/**
 * The request's id, given on first call (the caller's `X-Request-Id` when sane) and echoed on the
 * response. The logger asks for it too (pino's genReqId), so log lines and responses agree.
 */
export function ensureRequestId(request: Request, response: Response): string {
  const existing = (request as RequestWithId)[REQUEST_ID];
  if (existing) return existing;
  const incoming = request.get('x-request-id');
  const id = incoming && ACCEPTABLE_INCOMING_ID.test(incoming) ? incoming : randomUUID();
  (request as RequestWithId)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  return id;
}

export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  ensureRequestId(request, response);
  next();
}

export function requestIdOf(request: Request): string {
  return (request as RequestWithId)[REQUEST_ID] ?? 'unknown';
}
