// `npm run createsuperuser -- --username U --email E --password P` (contract: Authentication).
// Missing values are asked for in a terminal; the password may come from EVENTLY_SUPERUSER_PASSWORD.
import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { DomainError } from '../common/errors/domain-errors';
import { UsersService } from '../users/users.service';
import { CliModule } from './cli.module';
import { ask, askHidden } from './prompt';

interface SuperuserInput {
  username: string;
  email: string | null;
  password: string;
}

async function readInput(): Promise<SuperuserInput> {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  const interactive = Boolean(process.stdin.isTTY);
  const username = values.username ?? (interactive ? await ask('Username: ') : '');
  const email = values.email ?? (interactive ? await ask('Email (optional): ') : '');
  const password = values.password ?? process.env.EVENTLY_SUPERUSER_PASSWORD ?? (interactive ? await askHidden('Password: ') : '');
  if (!username || !password) {
    throw new Error('--username and --password (or EVENTLY_SUPERUSER_PASSWORD) are required when not run in a terminal');
  }
  return { username, email: email || null, password };
}

async function main(): Promise<void> {
  const input = await readInput();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'], abortOnError: false });
  try {
    const { user, created } = await app.get(UsersService).createOrPromoteStaff(input);
    process.stdout.write(`${created ? 'Created' : 'Updated'} staff user "${user.username}" (${user.id}).\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  const details = error instanceof DomainError && error.extras.details ? ` ${JSON.stringify(error.extras.details)}` : '';
  Logger.error(`createsuperuser failed: ${(error as Error).message}${details}`, undefined, 'createsuperuser');
  process.exit(1);
});
