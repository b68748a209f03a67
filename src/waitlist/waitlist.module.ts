import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { EventsModule } from '../events/events.module';
import { InventoryModule } from '../inventory';
import { WaitlistEntryEntity } from '../schema/waitlist-entry.entity';
import { UsersModule } from '../users/users.module';
import { EventWaitlistController, WaitlistController } from './waitlist.controller';
import { WaitlistRepository } from './waitlist.repository';
import { WaitlistService } from './waitlist.service';

/** Contract 6: the waiting list, a client of the event's seats (InventoryModule). */
@Module({
  imports: [TypeOrmModule.forFeature([WaitlistEntryEntity]), InventoryModule, EventsModule, UsersModule],
  controllers: [EventWaitlistController, WaitlistController],
  providers: [WaitlistService, WaitlistRepository],
})
export class WaitlistModule {}
