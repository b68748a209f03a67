// Scenario (f2): NestJS itself on the adapter and runtime Evently serves on (main.ts: change both
// together), with one route answering `{}` and nothing around it: no middleware, guards,
// interceptors, pipes or request logs. What Evently adds on top of this is its own request path.
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller()
class HelloController {
  @Get()
  hello(): object {
    return {};
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function serve(): Promise<void> {
  const app = await NestFactory.create(HelloModule, new FastifyAdapter(), { bodyParser: false, logger: ['error', 'warn'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void serve();
