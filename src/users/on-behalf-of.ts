import { Injectable } from '@nestjs/common';

import { PermissionDeniedError, UserNotFoundError } from '../common/errors/domain-errors';
import { UserEntity } from '../schema/user.entity';
import { UsersRepository } from './users.repository';

/**
 * Whose seats a request takes (contracts 1, 5, 6): the caller's own when no user is named; staff
 * may name another user, who must exist; anyone else naming another user is refused.
 */
@Injectable()
export class OnBehalfOf {
  constructor(private readonly users: UsersRepository) {}

  async userFor(requestedUserId: string | undefined, caller: UserEntity): Promise<string> {
    if (!requestedUserId || requestedUserId === caller.id) return caller.id;
    if (!caller.isStaff) throw new PermissionDeniedError();
    if (!(await this.users.existsById(requestedUserId))) throw new UserNotFoundError();
    return requestedUserId;
  }
}
