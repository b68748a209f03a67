import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { ensureEmbeddedPostgres } from './embedded-postgres';
import { Transactions } from './transactions';

const logger = new Logger('Database');

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
export class DatabaseModule {}

async function startEmbedded(dataDir: string): Promise<string> {
  const started = Date.now();
  const { url } = await ensureEmbeddedPostgres({ dataDir, log: (line) => logger.verbose(line) });
  logger.log(`Embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${dataDir}/postgres, port ${new URL(url).port})`);
  return url;
}
