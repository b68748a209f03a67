import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { Replica } from '../../database/replicas/replica-set';

export class ReplicaHealth {
  @ApiProperty({ example: 'replica-1:5432' })
  name: string;

  @ApiProperty({ enum: ['up', 'lagging', 'down'], example: 'lagging' })
  status: Replica['status'];

  @ApiProperty({ type: 'integer', nullable: true, example: 2400 })
  lag_ms: number | null;
}

export class HealthResponse {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    example: 'ok',
    description: '`degraded`: a replica is down or behind; its reads go to the primary.',
  })
  status: 'ok' | 'degraded';

  @ApiProperty({ enum: ['up'], example: 'up' })
  database: 'up';

  @ApiPropertyOptional({ type: [ReplicaHealth], description: 'Only when DATABASE_REPLICA_URLS names replicas.' })
  replicas?: ReplicaHealth[];
}

export function toHealthResponse(replicas: Replica[]): HealthResponse {
  if (!replicas.length) return { status: 'ok', database: 'up' };
  return {
    status: replicas.every((replica) => replica.status === 'up') ? 'ok' : 'degraded',
    database: 'up',
    replicas: replicas.map(({ name, status, lagMs }) => ({ name, status, lag_ms: lagMs })),
  };
}
