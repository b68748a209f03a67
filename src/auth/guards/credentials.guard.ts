import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyRequest } from 'fastify';

import { DomainError, InvalidCredentialsError, UnableToLogInError, ValidationFailedError } from '../../common/errors/domain-errors';
import { fieldErrors } from '../../common/validation/request-validation.pipe';
import { UserEntity } from '../../schema/user.entity';
import { CredentialsDto } from '../dto/credentials.dto';

/**
 * Runs passport-local. Guards run before pipes, so the body is validated here first: a login with
 * a missing field, or a username no account can have, gets the same 400 with field details as any
 * other invalid body, before the failed-login limit or the password hash sees it.
 */
@Injectable()
abstract class CredentialsGuard extends AuthGuard('local') {
  protected abstract rejection(): DomainError;

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body: unknown = request.body;
    const credentials = plainToInstance(CredentialsDto, typeof body === 'object' && body !== null ? body : {});
    const problems = await validate(credentials, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length) throw new ValidationFailedError(fieldErrors(problems));
    await super.canActivate(context);
    if (!request.user) throw this.rejection();
    return true;
  }

  /** Bad credentials leave `request.user` unset, for canActivate to answer. */
  override handleRequest<TUser = UserEntity>(error: unknown, user: TUser | false): TUser | undefined {
    if (error) throw error;
    return user || undefined;
  }
}

/** `POST /api/auth/token/`: bad credentials are 400, as Django REST framework answers. */
@Injectable()
export class TokenCredentialsGuard extends CredentialsGuard {
  protected rejection(): DomainError {
    return new UnableToLogInError();
  }
}

/** `POST /api/auth/login/`: bad credentials are 401. */
@Injectable()
export class SessionCredentialsGuard extends CredentialsGuard {
  protected rejection(): DomainError {
    return new InvalidCredentialsError();
  }
}
