import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';

import { UserEntity } from '../../schema/user.entity';
import { AuthService } from '../auth.service';

/** Username and password from the JSON body, for `POST /api/auth/login/` and `/api/auth/token/`. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ passReqToCallback: true });
  }

  validate(request: FastifyRequest, username: string, password: string): Promise<UserEntity | null> {
    return this.auth.checkCredentials(username, password, request.ip);
  }
}
