import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { UserEntity } from '../schema/user.entity';
import { OnBehalfOf } from './on-behalf-of';
import { PasswordHasher } from './password-hasher';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, PasswordHasher, OnBehalfOf],
  exports: [UsersRepository, UsersService, PasswordHasher, OnBehalfOf],
})
export class UsersModule {}
