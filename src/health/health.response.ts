import { Replica } from '../database/replicas/replica-set';

export interface ReplicaHealth {
  name: string;
  status: Replica['status'];
  lag_ms: number | null;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up';
  /** Only when DATABASE_REPLICA_URLS names replicas. */
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
