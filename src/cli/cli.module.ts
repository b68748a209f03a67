import { Module } from '@nestjs/common';

import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { entities } from '../schema/entities';
import { UsersModule } from '../users/users.module';

/** What command-line tools need: configuration, the database the server uses, users. */
@Module({ imports: [AppConfigModule, DatabaseModule.forRoot(entities), UsersModule] })
export class CliModule {}
