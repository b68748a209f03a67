import './request-augmentation';

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { UserEntity } from '../../schema/user.entity';

/** Who is acting and under which request id: what services need for rules and the audit trail. */
export interface Actor {
  user: UserEntity;
  requestId: string;
}

/** The actor of a request the authentication guard let through. */
export function actorOf(request: FastifyRequest): Actor {
  return { user: request.user as UserEntity, requestId: request.id };
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
