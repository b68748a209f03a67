import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';

import { inKeyOrder } from '../common/batching/batch-per-loop-pass';
import { AuthTokenEntity } from '../schema/auth-token.entity';
import { UserEntity } from '../schema/user.entity';

@Injectable()
export class AuthTokensRepository {
  constructor(@InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>) {}

  async insert(userId: string, keyHash: string): Promise<void> {
    await this.tokens.insert({ userId, keyHash });
  }

  /** The owners of several keys in one indexed query: for each key hash asked, its user or null. */
  async findUsersByKeyHashes(keyHashes: readonly string[]): Promise<(UserEntity | null)[]> {
    const tokens = await this.tokens.find({ where: { keyHash: In([...keyHashes]) }, relations: { user: true } });
    return inKeyOrder(keyHashes, tokens, (token) => token.keyHash).map((token) => token?.user ?? null);
  }

  async deleteByKeyHash(keyHash: string): Promise<void> {
    await this.tokens.delete({ keyHash });
  }
}
