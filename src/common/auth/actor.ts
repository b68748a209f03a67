import './request-augmentation';

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

import { UserEntity } from '../../users/user.entity';
import { requestIdOf } from '../http/request-id';

/** Who is acting and under which request id: what services need for rules and the audit trail. */
export interface Actor {
  user: UserEntity;
  requestId: string;
}

/** The actor of a request the authentication guard let through. */
export function actorOf(request: Request): Actor {
  return { user: request.user as UserEntity, requestId: requestIdOf(request) };
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest<Request>()),
);
