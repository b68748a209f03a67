import { Logger } from '@nestjs/common';
import express, { ErrorRequestHandler } from 'express';

import { sendError } from '../errors/all-exceptions.filter';

const logger = new Logger('BodyParsing');

/** JSON bodies up to 1 MB (contract: 413 beyond). */
export const parseJsonBody = express.json({ limit: '1mb' });

/**
 * Malformed or oversized bodies fail in Express middleware, outside Nest's exception filters;
 * this handler gives them the same JSON answer (400, 413, 415).
 */
export const answerBodyParsingErrors: ErrorRequestHandler = (error, request, response, next) => {
  if (response.headersSent) return next(error);
  sendError(error, request, response, logger);
};
