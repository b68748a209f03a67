import { Agent } from 'node:http';

import type { TestApp } from './test-app';

/**
 * Connections opened before a burst, kept alive, so the burst's requests reach the server
 * together (no handshakes in between) and wait side by side for the event's turn.
 */
export async function openConnections(t: TestApp, count: number): Promise<Agent> {
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  await Promise.all(Array.from({ length: count }, () => t.http.get('/api/events/').agent(agent)));
  return agent;
}
