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

  /** The owner of a key, in one indexed lookup. */
  async findUserByKeyHash(keyHash: string): Promise<UserEntity | null> {
    const token = await this.tokens.findOne({ where: { keyHash }, relations: { user: true } });
    return token?.user ?? null;
  }

  async deleteByKeyHash(keyHash: string): Promise<void> {
    await this.tokens.delete({ keyHash });
  }
}
