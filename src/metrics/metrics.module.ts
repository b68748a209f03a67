import { Global, Module } from '@nestjs/common';

import { Metrics } from './metrics';

/** The app's one Prometheus registry, for every layer to count into; `/metrics` serves it (observability). */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
