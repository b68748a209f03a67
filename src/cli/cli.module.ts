import { Module } from '@nestjs/common';

import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { UsersModule } from '../users/users.module';

/** What command-line tools need: configuration, the database the server uses, users. */
@Module({ imports: [AppConfigModule, DatabaseModule, UsersModule] })
export class CliModule {}
