import { Injectable } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { EntityManager } from 'typeorm';

import { SeatsRepository } from '../../src/inventory/seats.repository';
import { EventEntity } from '../../src/schema/event.entity';

/**
 * The negative control of the lock tests: the real seat statements minus `FOR UPDATE` on the
 * event row, nothing else. A 50 ms sleep after the read widens the race, as a busy database would
 * (pretix's debug sleep after its quota check does the same).
 */
@Injectable()
class SeatsRepositoryWithoutRowLock extends SeatsRepository {
  override async lockEvent(id: string, manager: EntityManager): Promise<EventEntity | null> {
    const event = await manager.getRepository(EventEntity).findOneBy({ id });
    await manager.query('SELECT pg_sleep(0.05)');
    return event;
  }
}

export const withoutRowLock = (builder: TestingModuleBuilder) =>
  builder.overrideProvider(SeatsRepository).useClass(SeatsRepositoryWithoutRowLock);
