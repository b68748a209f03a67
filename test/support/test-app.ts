import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp, createHttpAdapter } from '../../src/app.setup';
import { Factories } from './factories';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** Requests over a real socket to the listening app. */
  http: TestAgent;
  baseUrl: string;
  make: Factories;
  close(): Promise<void>;
}

/**
 * The real application, configured as main.ts does, listening on a free port of 127.0.0.1 and
 * connected to this spec file's own database. `customise` may swap providers (negative controls).
 */
export async function startTestApp(customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder): Promise<TestApp> {
  const builder = Test.createTestingModule({ imports: [AppModule] });
  const moduleRef = await (customise ? customise(builder) : builder).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), APP_OPTIONS);
  await configureApp(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get(DataSource);
  return {
    app,
    dataSource,
    http: request(baseUrl),
    baseUrl,
    make: new Factories(app),
    close: () => app.close(),
  };
}
