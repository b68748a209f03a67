import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { UserEntity } from '../schema/user.entity';

export interface NewUser {
  username: string;
  email: string | null;
  passwordHash: string;
  isStaff: boolean;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  existsById(id: string): Promise<boolean> {
    return this.users.existsBy({ id });
  }

  /** Usernames match ignoring case, like the unique index that guards them. */
  findByUsername(username: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repository(manager).createQueryBuilder('user').where('lower(user.username) = lower(:username)', { username }).getOne();
  }

  insert(user: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const repository = this.repository(manager);
    return repository.save(repository.create(user));
  }

  async updateStaffCredentials(id: string, passwordHash: string, email: string | null, manager?: EntityManager): Promise<void> {
    const changes: Partial<UserEntity> = { passwordHash, isStaff: true };
    if (email !== null) changes.email = email;
    await this.repository(manager).update({ id }, changes);
  }

  private repository(manager?: EntityManager): Repository<UserEntity> {
    return manager ? manager.getRepository(UserEntity) : this.users;
  }
}
