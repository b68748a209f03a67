import { Module } from '@nestjs/common';

import { BookingsModule } from '../bookings/bookings.module';
import { InventoryModule } from '../inventory/inventory.module';
import { UsersModule } from '../users/users.module';
import { HoldSweeper } from './hold-sweeper';
import { HoldsController } from './holds.controller';
import { HoldsService } from './holds.service';

/** Contract 5: holds, a client of the event's seats (InventoryModule). */
@Module({
  imports: [InventoryModule, BookingsModule, UsersModule],
  controllers: [HoldsController],
  providers: [HoldsService, HoldSweeper],
})
export class HoldsModule {}
