import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory';
import { EventEntity } from '../schema/event.entity';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/** Events' reads and staff edits; a capacity change is a client of the event's seats (InventoryModule). */
@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), InventoryModule, AuditModule],
  controllers: [EventsController],
  providers: [EventsService, EventsRepository],
  exports: [EventsRepository],
})
export class EventsModule {}
