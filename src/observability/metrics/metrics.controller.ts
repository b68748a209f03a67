import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';

import { Public } from '../../common/auth/public.decorator';
import { Metrics } from '../../metrics/metrics';
import { MetricsAccessGuard } from './metrics-access.guard';

/**
 * `GET /metrics` for Prometheus: outside `/api` and the OpenAPI document, like any exporter; for
 * staff and the scraper's token only (it lists event ids and runs a database query).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @UseGuards(MetricsAccessGuard)
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
