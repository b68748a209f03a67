import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

import { toErrorResponse } from '../errors/error-table';
import { securityHeadersFor } from './security-headers';

export interface RawErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * An error answer for where Fastify has no reply to send it with, so neither the hooks nor the
 * error filter run: a connection Node's HTTP parser gave up on, a request the router refused. It
 * is still the error table's status, body and headers, with the security headers and a request id
 * like every answer (contract: Conventions, Operations); the connection closes after it.
 */
export function rawErrorAnswer(error: unknown, requestId: string = randomUUID()): RawErrorAnswer {
  const { status, body, headers } = toErrorResponse(error, requestId);
  const json = JSON.stringify(body);
  return {
    status,
    headers: {
      // No request was parsed, so nothing says it came over HTTPS: no HSTS.
      ...securityHeadersFor('http'),
      ...headers,
      'X-Request-Id': requestId,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(json)),
      Connection: 'close',
    },
    body: json,
  };
}

/** The answer as HTTP/1.1 text, for a bare socket. */
export function asHttpText({ status, headers, body }: RawErrorAnswer): string {
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status]}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
