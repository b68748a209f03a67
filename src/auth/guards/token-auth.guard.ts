import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

import { InvalidTokenError } from '../../common/errors/domain-errors';
import { UserEntity } from '../../schema/user.entity';

/** Runs the `token` strategy; a key that matches no user is 401 "Invalid token.". */
@Injectable()
export class TokenAuthGuard extends AuthGuard('token') {
  override handleRequest<TUser = UserEntity>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new InvalidTokenError();
    return user;
  }
}
