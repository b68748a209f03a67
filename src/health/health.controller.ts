import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '../common/auth/public.decorator';
import { ApiError } from '../common/errors/api-error.decorator';
import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { HealthResponse } from './dto/health.response';

// Well under a load balancer's usual probe timeout, so a hung database reads as down, not as slow.
const PING_TIMEOUT_MS = 1_500;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Terminus runs the check; the answer keeps the contract's shapes rather than Terminus' own. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiError(503, 'The database is down.', { error: 'Service temporarily unavailable, please retry', details: { database: 'down' } })
  async check(): Promise<HealthResponse> {
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: PING_TIMEOUT_MS })]);
    } catch {
      throw new ServiceUnavailableError({ database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }
}
