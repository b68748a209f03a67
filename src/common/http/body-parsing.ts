import { Logger } from '@nestjs/common';
import express, { ErrorRequestHandler } from 'express';

import { sendError } from '../errors/all-exceptions.filter';
import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';

const logger = new Logger('BodyParsing');

/** JSON bodies up to 1 MB (contract: 413 beyond), nested at most MAX_JSON_NESTING deep (400 beyond). */
export const parseJsonBody = express.json({
  limit: '1mb',
  verify: (_request, _response, body) => {
    // body-parser answers an error thrown here with its `status`, before the body is parsed.
    if (nestsDeeperThan(body, MAX_JSON_NESTING))
      throw Object.assign(new Error('JSON nested too deep'), { status: 400, type: 'entity.too.deep' });
  },
});

/**
 * Malformed or oversized bodies fail in Express middleware, outside Nest's exception filters;
 * this handler gives them the same JSON answer (400, 413, 415).
 */
export const answerBodyParsingErrors: ErrorRequestHandler = (error, request, response, next) => {
  if (response.headersSent) return next(error);
  sendError(error, request, response, logger);
};
