// `npm run openapi`: writes the document the server publishes at /api/docs-json to
// openapi/evently.json. No database is needed: a preview-mode app registers every controller
// (all the document is made of) but instantiates no provider, so nothing connects.
import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

import { AppModule } from '../src/app.module';
import { prefixRoutesWithApi } from '../src/app.setup';
import { buildOpenApiDocument } from '../src/swagger';

export const OPENAPI_FILE = join(__dirname, 'evently.json');

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, new FastifyAdapter(), { preview: true, logger: ['error'], abortOnError: false });
  prefixRoutesWithApi(app);
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`openapi: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
