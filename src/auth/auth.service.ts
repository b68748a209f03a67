import { Injectable } from '@nestjs/common';

import { batchPerLoopPass } from '../common/batching/batch-per-loop-pass';
import { CacheInvalidation } from '../common/cache/cache-invalidation';
import { AppConfig } from '../config/app-config';
import { FailedLoginLimiter } from '../rate-limits/failed-login-limiter';
import { UserEntity } from '../schema/user.entity';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { AuthTokensRepository } from './auth-tokens.repository';
import { generateTokenKey, hashTokenKey } from './token-keys';
import { TokenOwnerCache } from './token-owner-cache';

@Injectable()
export class AuthService {
  private readonly tokenOwners: TokenOwnerCache;
  // In an on-sale nearly every request brings a key no cache has seen.
  private readonly tokenOwnerLookups = batchPerLoopPass((keyHashes: readonly string[]) => this.tokens.findUsersByKeyHashes(keyHashes));

  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: AuthTokensRepository,
    private readonly failedLogins: FailedLoginLimiter,
    config: AppConfig,
    invalidation: CacheInvalidation,
  ) {
    this.tokenOwners = invalidation.share('token-owners', new TokenOwnerCache(config.tokenCacheTtlMs));
  }

  /**
   * The user with these credentials, or null; takes as long for an unknown username as for a
   * wrong password. A failure counts toward the lockout of the account the database matched, so
   * every spelling of one name shares one window.
   */
  async checkCredentials(username: string, password: string, clientIp: string): Promise<UserEntity | null> {
    const user = await this.users.findByUsername(username);
    const account = user ? user.id : `unknown:${username.toLowerCase()}`;
    return this.failedLogins.attempt(account, clientIp, async () => {
      const matches = await this.passwords.verify(user?.passwordHash, password);
      return user && matches ? user : null;
    });
  }

  /** A new API key for the user; only its hash is kept, so this is the one time it is seen. */
  async issueToken(user: UserEntity): Promise<string> {
    const key = generateTokenKey();
    await this.tokens.insert(user.id, hashTokenKey(key));
    return key;
  }

  userForToken(key: string): Promise<UserEntity | null> {
    return this.tokenOwners.read(hashTokenKey(key), (keyHash) => this.tokenOwnerLookups.load(keyHash));
  }

  /** Forgotten once deleted: forgotten before, another instance could cache the owner again from the row. */
  async revokeToken(key: string): Promise<void> {
    const keyHash = hashTokenKey(key);
    await this.tokens.deleteByKeyHash(keyHash);
    this.tokenOwners.forget(keyHash);
  }
}
