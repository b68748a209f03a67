import { DynamicModule, Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';

import { AppConfig } from '../config/app-config';
import { applyPendingMigrations } from './apply-migrations';
import { backupFoldersOf } from './backup/embedded-backup-folders';
import { LastBackupMarker } from './backup/last-backup-marker';
import { WalArchiverStatus } from './backup/wal-archiver-status';
import { dataSourceOptions } from './data-source-options';
import { ensureEmbeddedPostgres, RunningPostgres } from './embedded-postgres';
import { ReplicaReads } from './replicas/replica-reads';
import { ReplicaSet } from './replicas/replica-set';
import { Transactions } from './transactions';

const logger = new Logger('Database');
/** The embedded server this process started, stopped with the app (after TypeORM's connections close). */
let embedded: RunningPostgres | undefined;

/**
 * The server's connection to the primary: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL under DATA_DIR (started here, stopped when the process exits). Pending migrations run
 * first (unless RUN_MIGRATIONS=false), on a connection of their own to MIGRATIONS_DATABASE_URL
 * when set: behind PgBouncer, DATABASE_URL is the pooler. Replicas are ReplicaSet's.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  /** The database of the app whose tables are `entities` (the schema, given by the composition root). */
  static forRoot(entities: DataSourceOptions['entities']): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const url = config.databaseUrl ?? (await startEmbedded(config.dataDir));
            if (config.runMigrations) await applyPendingMigrations(config.migrationsDatabaseUrl ?? url);
            return {
              ...dataSourceOptions({ url, poolSize: config.dbPoolSize, poolQueueLimit: config.dbPoolQueueLimit }),
              entities,
              retryAttempts: 3,
            };
          },
        }),
      ],
      providers: [
        Transactions,
        ReplicaSet,
        ReplicaReads,
        WalArchiverStatus,
        {
          provide: LastBackupMarker,
          // After the DataSource, so the embedded cluster (and so its folder) is known.
          inject: [AppConfig, DataSource],
          useFactory: (config: AppConfig) =>
            new LastBackupMarker(config.backupStatusFile ?? (embedded && backupFoldersOf(embedded.databaseDir).lastBackupMarker)),
        },
      ],
      exports: [Transactions, ReplicaSet, ReplicaReads, WalArchiverStatus, LastBackupMarker],
    };
  }

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
