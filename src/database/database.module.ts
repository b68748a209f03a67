import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureEmbeddedPostgres, RunningPostgres } from './embedded-postgres';
import { Transactions } from './transactions';

const logger = new Logger('Database');
/** The embedded server this process started, stopped with the app (after TypeORM's connections close). */
let embedded: RunningPostgres | undefined;

/**
 * The server's connection: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * DATA_DIR (started here, stopped when the process exits). Pending migrations run on connect.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const url = config.databaseUrl ?? (await startEmbedded(config.dataDir));
        return {
          ...dataSourceOptions({ url, poolSize: config.dbPoolSize, poolQueueLimit: config.dbPoolQueueLimit, runMigrations: true }),
          retryAttempts: 3,
        };
      },
    }),
  ],
  providers: [Transactions],
  exports: [Transactions],
})
export class DatabaseModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await embedded?.stop();
    embedded = undefined;
  }
}

async function startEmbedded(dataDir: string): Promise<string> {
  const started = Date.now();
  embedded = await ensureEmbeddedPostgres({ dataDir, log: (line) => logger.verbose(line) });
  const { url, databaseDir } = embedded;
  logger.log(`Embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${databaseDir}, port ${new URL(url).port})`);
  return url;
}
