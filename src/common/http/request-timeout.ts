import { Server } from 'node:http';

import { FastifyHttpOptions } from 'fastify';

// Node's defaults.
const NODE_HEADERS_TIMEOUT_MS = 60_000;
const NODE_CHECKING_INTERVAL_MS = 30_000;

/**
 * The server options for REQUEST_TIMEOUT_MS, the time a client has to send a whole request,
 * headers and body. Fastify sets no such limit, and Node's only covers the headers (60 s): a body
 * sent a byte a minute would hold its connection for ever. Past it Node drops the request with
 * ERR_HTTP_REQUEST_TIMEOUT, which client-errors.ts answers with 408.
 */
export function requestTimeoutOptions(timeoutMs: number): Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'http'> {
  return {
    requestTimeout: timeoutMs,
    http: {
      // Node times the headers with the shorter of the two and the whole request with the longer,
      // so a headers timeout above the request timeout would become the request's.
      headersTimeout: Math.min(NODE_HEADERS_TIMEOUT_MS, timeoutMs),
      // Node looks for overdue requests once per interval, so a timeout fires up to an interval
      // late; a quarter of the timeout keeps that within 25%.
      connectionsCheckingInterval: Math.min(NODE_CHECKING_INTERVAL_MS, Math.ceil(timeoutMs / 4)),
    },
  };
}
