import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { UserEntity } from '../../schema/user.entity';
import { ApiError } from '../errors/api-error.decorator';
import { PermissionDeniedError } from '../errors/domain-errors';

@Injectable()
class StaffGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<FastifyRequest>().user as UserEntity | undefined;
    if (!user?.isStaff) throw new PermissionDeniedError();
    return true;
  }
}

/** Route for staff only: 403 for anyone else (after authentication, which answers 401). */
export const StaffOnly = () => applyDecorators(UseGuards(StaffGuard), ApiError('The caller is not staff.', new PermissionDeniedError()));
