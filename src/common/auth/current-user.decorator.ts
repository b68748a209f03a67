import './request-augmentation';

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { UserEntity } from '../../schema/user.entity';

/** The authenticated caller, set by the global authentication guard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserEntity => {
  return context.switchToHttp().getRequest<FastifyRequest>().user as UserEntity;
});
