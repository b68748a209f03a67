import { IncomingMessage, Server, ServerResponse } from 'node:http';

import { ExpectationFailedError } from '../errors/domain-errors';
import { rawErrorAnswer } from './raw-error-answer';
import { requestIdFor } from './request-id';

/**
 * Node answers an `Expect` other than `100-continue` with an empty 417 of its own and never hands
 * the request to Fastify, unless the server listens for `checkExpectation`: this answers it through
 * the error table instead.
 */
export function answerUnmetExpectations(server: Server): void {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const { status, headers, body } = rawErrorAnswer(new ExpectationFailedError(), requestIdFor(request));
    response.writeHead(status, headers).end(body);
  });
}
