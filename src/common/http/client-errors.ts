import { Socket } from 'node:net';

import { ConnectionError } from 'fastify';

import { DomainError, MalformedHttpRequestError, RequestHeadersTooLargeError, RequestTimeoutError } from '../errors/domain-errors';
import { asHttpText, rawErrorAnswer } from './raw-error-answer';

/** `_httpMessage`: the answer Node's server is writing on this connection, if any (Node's own fallback reads it too). */
type ParserSocket = Socket & { _httpMessage?: { headersSent?: boolean } };

/**
 * Fastify's clientErrorHandler: Node's HTTP parser gave up on a connection before the app had a
 * request to answer (not HTTP, a method it does not know, headers past 16 KB, REQUEST_TIMEOUT_MS
 * run out). Answered through the error table like any refusal; the connection is then closed, as
 * whatever else is on it cannot be read.
 */
export function answerClientError(error: ConnectionError, socket: ParserSocket): void {
  // A reset connection has no one left to answer; destroy() below comes back here once more.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node's own handler: never a second answer into one the app has begun to send.
  if (socket.writable && !socket._httpMessage?.headersSent) socket.write(asHttpText(rawErrorAnswer(refusalFor(error))));
  socket.destroy(error);
}

function refusalFor(error: ConnectionError): DomainError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return new RequestTimeoutError();
  if (error.code === 'HPE_HEADER_OVERFLOW') return new RequestHeadersTooLargeError();
  return new MalformedHttpRequestError();
}
