import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuthTokenEntity } from '../schema/auth-token.entity';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthTokensRepository } from './auth-tokens.repository';
import { AuthenticationGuard } from './guards/authentication.guard';
import { TokenAuthGuard } from './guards/token-auth.guard';
import { HttpSessions } from './http-sessions';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenStrategy } from './strategies/token.strategy';

@Module({
  imports: [PassportModule, UsersModule, TypeOrmModule.forFeature([AuthTokenEntity])],
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthTokensRepository,
    LocalStrategy,
    TokenStrategy,
    TokenAuthGuard,
    HttpSessions,
    AuthenticationGuard,
    { provide: APP_GUARD, useExisting: AuthenticationGuard },
  ],
  exports: [AuthenticationGuard],
})
export class AuthModule {}
