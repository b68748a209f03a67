import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';

import { Public } from '../common/auth/public.decorator';
import { ApiError } from '../common/errors/api-error.decorator';
import { ServiceUnavailableError } from '../common/errors/domain-errors';
import { ReplicaSet } from '../database/replicas/replica-set';
import { HealthResponse, toHealthResponse } from './dto/health.response';

// Well under a load balancer's usual probe timeout, so a hung database reads as down, not as slow.
const PING_TIMEOUT_MS = 1_500;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly replicas: ReplicaSet,
  ) {}

  /**
   * Terminus runs the check; the answer keeps the contract's shapes rather than Terminus' own. A
   * replica down or behind makes the answer "degraded", still 200: its reads go to the primary,
   * so a load balancer must keep sending traffic here.
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability and, when configured, each read replica' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiError('The database is down.', new ServiceUnavailableError({ database: 'down' }))
  async check(): Promise<HealthResponse> {
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: PING_TIMEOUT_MS })]);
    } catch {
      throw new ServiceUnavailableError({ database: 'down' });
    }
    return toHealthResponse(this.replicas.states);
  }
}
