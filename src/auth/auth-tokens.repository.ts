import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { AuthTokenEntity } from './auth-token.entity';

@Injectable()
export class AuthTokensRepository {
  constructor(@InjectRepository(AuthTokenEntity) private readonly tokens: Repository<AuthTokenEntity>) {}

  async insert(userId: string, keyHash: string): Promise<void> {
    await this.tokens.insert({ userId, keyHash });
  }

  /** The owners of several keys in one indexed query: for each key hash asked, its user or null. */
  async findUsersByKeyHashes(keyHashes: readonly string[]): Promise<(UserEntity | null)[]> {
    const tokens = await this.tokens.find({ where: { keyHash: In([...keyHashes]) }, relations: { user: true } });
    const owners = new Map(tokens.map((token) => [token.keyHash, token.user!]));
    return keyHashes.map((keyHash) => owners.get(keyHash) ?? null);
  }

  async deleteByKeyHash(keyHash: string): Promise<void> {
    await this.tokens.delete({ keyHash });
  }
}
