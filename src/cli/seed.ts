// `npm run seed` (or `node dist/cli/seed.js` in the container): demo events, users and bookings,
// against the database the server uses. Running it again changes nothing and says so.
import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../app.module';
import { seedDemoData } from './demo-data';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'], abortOnError: false });
  try {
    const result = await seedDemoData(app);
    if (!result.seeded) {
      process.stdout.write(`Nothing seeded: ${result.reason}.\n`);
      return;
    }
    const { events, credentials, bookings, cancelled } = result;
    process.stdout.write(
      `Seeded ${events} events, ${credentials.length} users, ${bookings} bookings (${cancelled} cancelled). Demo logins:\n`,
    );
    for (const { username, password, isStaff } of credentials) {
      process.stdout.write(`  ${isStaff ? 'staff' : 'user '}  ${username.padEnd(8)} ${password}\n`);
    }
    process.stdout.write('Get a key: POST /api/auth/token/ {"username", "password"}, then send "Authorization: Token <key>".\n');
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  Logger.error(`seed failed: ${error.message}`, undefined, 'seed');
  process.exit(1);
});
