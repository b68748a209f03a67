import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp } from './app.setup';
import { AppConfig } from './config/app-config';
import { assertValidEnvironment } from './config/env.schema';

async function bootstrap(): Promise<void> {
  assertValidEnvironment(process.env);
  const app = await NestFactory.create(AppModule, APP_OPTIONS);
  configureApp(app);
  const { port } = app.get(AppConfig);
  await app.listen(port);
  Logger.log(`Evently listening on http://localhost:${port}/api/ (docs: http://localhost:${port}/api/docs/)`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  // A configuration or start-up error: its message says what to fix; a stack trace would bury it.
  Logger.error(`Evently could not start: ${error.message}`, undefined, 'Bootstrap');
  process.exit(1);
});
