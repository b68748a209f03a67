import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { AuthTokenEntity } from './auth-token.entity';

@Injectable()
export class AuthTokensRepository {
  constructor(@InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>) {}

  async insert(userId: string, keyHash: string): Promise<void> {
    await this.tokens.insert({ userId, keyHash });
  }

  /**
   * The owner of a key, in one indexed lookup. Not `findOne` with `relations`: TypeORM sends that
   * as two queries (a DISTINCT id query first), which cost a fifth of a booking's CPU.
   */
  findUserByKeyHash(keyHash: string): Promise<UserEntity | null> {
    return this.tokens.manager
      .createQueryBuilder(UserEntity, 'user')
      .innerJoin(AuthTokenEntity, 'token', 'token.userId = user.id')
      .where('token.keyHash = :keyHash', { keyHash })
      .getOne();
  }

  async deleteByKeyHash(keyHash: string): Promise<void> {
    await this.tokens.delete({ keyHash });
  }
}
