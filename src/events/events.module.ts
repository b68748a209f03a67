import { Module } from '@nestjs/common';

import { AuditModule } from '../audit/audit.module';
import { InventoryModule } from '../inventory/inventory.module';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Events' reads and staff edits; a capacity change is a client of the event's seats (InventoryModule). */
@Module({
  imports: [InventoryModule, AuditModule],
  controllers: [EventsController],
  providers: [EventsService],
})
export class EventsModule {}
