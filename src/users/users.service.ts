import { Injectable } from '@nestjs/common';

import { PermissionDeniedError, UsernameTakenError, UserNotFoundError, ValidationFailedError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/sql-state';
import { UserEntity } from '../schema/user.entity';
import { PasswordHasher } from './password-hasher';
import { passwordFieldErrors } from './password-policy';
import { usernameFieldErrors } from './username-rule';
import { UsersRepository } from './users.repository';

export interface Registration {
  username: string;
  password: string;
  email?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  /** A user's profile as `caller` may see it: their own, or anyone's for staff. */
  async findVisible(userId: string, caller: UserEntity): Promise<UserEntity> {
    if (caller.id !== userId && !caller.isStaff) throw new PermissionDeniedError();
    const user = await this.users.findById(userId);
    if (!user) throw new UserNotFoundError();
    return user;
  }

  /** Public sign-up: always a regular (non-staff) user. */
  async register(registration: Registration): Promise<UserEntity> {
    this.assertStrongPassword(registration);
    if (await this.users.findByUsername(registration.username)) throw new UsernameTakenError();
    const passwordHash = await this.passwords.hash(registration.password);
    try {
      return await this.users.insert({ username: registration.username, email: registration.email ?? null, passwordHash, isStaff: false });
    } catch (error) {
      // Two sign-ups racing for one name: the unique index decides.
      if (isUniqueViolation(error)) throw new UsernameTakenError();
      throw error;
    }
  }

  /** `createsuperuser`: a new staff user, or an existing one made staff with the new password. */
  async createOrPromoteStaff(registration: Registration): Promise<{ user: UserEntity; created: boolean }> {
    // The API's DTO checks this for sign-up; a staff name must be one that can log in.
    const badName = usernameFieldErrors(registration.username);
    if (badName) throw new ValidationFailedError(badName);
    this.assertStrongPassword(registration);
    const passwordHash = await this.passwords.hash(registration.password);
    const existing = await this.users.findByUsername(registration.username);
    if (existing) {
      await this.users.updateStaffCredentials(existing.id, passwordHash, registration.email ?? null);
      return { user: (await this.users.findById(existing.id))!, created: false };
    }
    const user = await this.users.insert({
      username: registration.username,
      email: registration.email ?? null,
      passwordHash,
      isStaff: true,
    });
    return { user, created: true };
  }

  private assertStrongPassword({ password, username }: Registration): void {
    const problems = passwordFieldErrors(password, username);
    if (problems) throw new ValidationFailedError(problems);
  }
}
