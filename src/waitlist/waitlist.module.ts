import { Module } from '@nestjs/common';

import { InventoryModule } from '../inventory/inventory.module';
import { UsersModule } from '../users/users.module';
import { EventWaitlistController, WaitlistController } from './waitlist.controller';
import { WaitlistService } from './waitlist.service';

/** Contract 6: the waiting list, a client of the event's seats (InventoryModule). */
@Module({
  imports: [InventoryModule, UsersModule],
  controllers: [EventWaitlistController, WaitlistController],
  providers: [WaitlistService],
})
export class WaitlistModule {}
