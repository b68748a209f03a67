import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { BookingsModule } from '../bookings/bookings.module';
import { InventoryModule } from '../inventory';
import { HoldEntity } from '../schema/hold.entity';
import { UsersModule } from '../users/users.module';
import { HoldsController } from './holds.controller';
import { HoldsRepository } from './holds.repository';
import { HoldsService } from './holds.service';

/** Contract 5: holds, a client of the event's seats (InventoryModule). */
@Module({
  imports: [TypeOrmModule.forFeature([HoldEntity]), InventoryModule, BookingsModule, UsersModule],
  controllers: [HoldsController],
  providers: [HoldsService, HoldsRepository],
})
export class HoldsModule {}
