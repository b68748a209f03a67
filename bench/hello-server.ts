// Scenario (f2): NestJS itself on the adapter and runtime Evently serves on, with one route
// answering `{}` and nothing around it: no middleware, guards, interceptors, pipes or request
// logs. What Evently adds on top of this is its own request path.
import 'reflect-metadata';

import { Controller, Get, Module, NestApplicationOptions } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';

@Controller()
class HelloController {
  @Get()
  hello(): object {
    return {};
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

/**
 * Fastify, as main.ts; Nest's default (Express) only in a checkout from before the move to Fastify,
 * which `npm run bench:ab` may run this file in as its base.
 */
function servingAdapter(): AbstractHttpAdapter | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FastifyAdapter } = require('@nestjs/platform-fastify') as typeof import('@nestjs/platform-fastify');
    return new FastifyAdapter();
  } catch {
    return undefined;
  }
}

async function serve(): Promise<void> {
  const adapter = servingAdapter();
  const options: NestApplicationOptions = { bodyParser: false, logger: ['error', 'warn'] };
  const app = await (adapter ? NestFactory.create(HelloModule, adapter, options) : NestFactory.create(HelloModule, options));
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void serve();
