import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp, createHttpAdapter } from './app.setup';
import { AppConfig } from './config/app-config';
import { assertValidEnvironment } from './config/env.schema';

async function bootstrap(): Promise<void> {
  assertValidEnvironment(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(), APP_OPTIONS);
  await configureApp(app);
  const { port } = app.get(AppConfig);
  // Every IPv4 interface (behind a load balancer, in a container); Fastify's default is localhost only.
  await app.listen(port, '0.0.0.0');
  const base = `${app.getHttpAdapter().getInstance().initialConfig.https ? 'https' : 'http'}://localhost:${port}`;
  Logger.log(`Evently listening on ${base}/api/ (docs: ${base}/api/docs/)`, 'Bootstrap');
}

bootstrap().catch((error: Error) => {
  // A configuration or start-up error: its message says what to fix; a stack trace would bury it.
  Logger.error(`Evently could not start: ${error.message}`, undefined, 'Bootstrap');
  process.exit(1);
});
