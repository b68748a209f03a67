import { IncomingHttpHeaders } from 'node:http';

import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as BearerStrategy, VerifyFunction } from 'passport-http-bearer';

import { headerOf } from '../../common/http/header';
import { UserEntity } from '../../schema/user.entity';
import { AuthService } from '../auth.service';

/** What passport's types call a request (Express's); it is handed Fastify's, which has the same `headers`. */
type PassportRequest = Parameters<BearerStrategy<VerifyFunction>['authenticate']>[0];

const TOKEN_HEADER = /^(?:Token|Bearer) +(\S+)$/i;

/** The key of an `Authorization: Token <key>` or `Bearer <key>` header, if the header is one of those. */
export function tokenKeyOf(request: { headers: IncomingHttpHeaders }): string | undefined {
  return TOKEN_HEADER.exec(headerOf(request, 'authorization') ?? '')?.[1];
}

/**
 * passport-http-bearer reads `Bearer` only, and also looks for `access_token` in bodies and query
 * strings (where keys end up in logs). It is handed just the header, with `Token` read as `Bearer`.
 */
class HeaderTokenStrategy extends BearerStrategy<VerifyFunction> {
  override authenticate(request: PassportRequest, options?: object): void {
    const key = tokenKeyOf(request);
    const headersOnly = { headers: key ? { authorization: `Bearer ${key}` } : {} } as PassportRequest;
    super.authenticate(headersOnly, options);
  }
}

@Injectable()
export class TokenStrategy extends PassportStrategy(HeaderTokenStrategy, 'token') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  validate(key: string): Promise<UserEntity | null> {
    return this.auth.userForToken(key);
  }
}
