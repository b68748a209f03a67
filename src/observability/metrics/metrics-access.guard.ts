import { createHash, timingSafeEqual } from 'node:crypto';

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

import { AuthenticationGuard } from '../../auth/guards/authentication.guard';
import { PermissionDeniedError } from '../../common/errors/domain-errors';
import { AppConfig } from '../../config/app-config';
import { UserEntity } from '../../schema/user.entity';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` (contract: Operations): a Prometheus scraper sending `Authorization: Bearer
 * <METRICS_TOKEN>`, or a staff caller authenticated as on any other route; 401 or 403 otherwise.
 * The scraper's token is no API key, so the route is public to the global guard and this one decides.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly scraperHeaderHash?: Buffer;

  constructor(
    config: AppConfig,
    private readonly authentication: AuthenticationGuard,
  ) {
    if (config.metricsToken) this.scraperHeaderHash = sha256(`Bearer ${config.metricsToken}`);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.isScraper(request)) return true;
    await this.authentication.authenticate(context);
    if (!(request.user as UserEntity).isStaff) throw new PermissionDeniedError();
    return true;
  }

  /** Compared as hashes in constant time, so the answer's timing says nothing about the token. */
  private isScraper(request: FastifyRequest): boolean {
    const header = request.headers.authorization;
    return Boolean(this.scraperHeaderHash && header && timingSafeEqual(sha256(header), this.scraperHeaderHash));
  }
}
