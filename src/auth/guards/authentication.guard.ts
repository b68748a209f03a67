import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';

import { IS_PUBLIC } from '../../common/auth/public.decorator';
import { NotAuthenticatedError } from '../../common/errors/domain-errors';
import { UsersRepository } from '../../users/users.repository';
import { assertCsrfToken } from '../csrf';
import { tokenKeyOf } from '../strategies/token.strategy';
import { TokenAuthGuard } from './token-auth.guard';

/**
 * The global guard (contract: Authentication). Every route needs a caller unless it is @Public().
 * A token header wins over a session cookie; a session caller's unsafe requests need the CSRF token.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokenGuard: TokenAuthGuard,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return this.authenticate(context);
  }

  /** Sets `request.user` from the token or the session, or throws 401 (403 for a missing CSRF token). */
  async authenticate(context: ExecutionContext): Promise<true> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const tokenKey = tokenKeyOf(request);
    if (tokenKey) {
      await this.tokenGuard.canActivate(context);
      request.tokenKey = tokenKey;
      return true;
    }

    // request.session is null for a request without the session cookie (see sessionsWhereNeeded).
    const sessionUser = request.session?.userId ? await this.users.findById(request.session.userId) : null;
    if (!sessionUser) throw new NotAuthenticatedError();
    assertCsrfToken(request);
    request.user = sessionUser;
    return true;
  }
}
