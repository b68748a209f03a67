import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/**
 * The absolute URL the client asked for. Behind a trusted proxy (`TRUST_PROXY`), Fastify takes
 * the scheme and host from X-Forwarded-Proto / X-Forwarded-Host.
 */
export const RequestUrl = createParamDecorator((_: unknown, context: ExecutionContext): URL => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return new URL(request.originalUrl, `${request.protocol}://${request.host}`);
});
