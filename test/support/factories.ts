import { randomBytes } from 'node:crypto';

import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AuthService } from '../../src/auth/auth.service';
import { BookingEntity } from '../../src/schema/booking.entity';
import { EventEntity } from '../../src/schema/event.entity';
import { UserEntity } from '../../src/schema/user.entity';
import { PasswordHasher } from '../../src/users/password-hasher';
import { Ledger, ledgerOf } from './ledger';

export const DEFAULT_PASSWORD = 'correct-horse-battery';

export interface TestUser {
  user: UserEntity;
  token: string;
  /** `Authorization` header value for this user. */
  auth: string;
}

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** One-line builders of the rows a test needs, written straight to its database. */
export class Factories {
  private readonly dataSource: DataSource;
  private passwordHash?: Promise<string>;

  constructor(private readonly app: INestApplicationContext) {
    this.dataSource = app.get(DataSource);
  }

  async user(overrides: Partial<UserEntity> = {}): Promise<TestUser> {
    // Hashing once per file keeps factories fast; every test user shares DEFAULT_PASSWORD.
    this.passwordHash ??= this.app.get(PasswordHasher).hash(DEFAULT_PASSWORD);
    const repository = this.dataSource.getRepository(UserEntity);
    const user = await repository.save(
      repository.create({
        username: `user_${randomBytes(5).toString('hex')}`,
        email: null,
        passwordHash: await this.passwordHash,
        isStaff: false,
        ...overrides,
      }),
    );
    const token = await this.app.get(AuthService).issueToken(user);
    return { user, token, auth: `Token ${token}` };
  }

  staff(overrides: Partial<UserEntity> = {}): Promise<TestUser> {
    return this.user({ isStaff: true, ...overrides });
  }

  async event(overrides: Partial<EventEntity> = {}): Promise<EventEntity> {
    const repository = this.dataSource.getRepository(EventEntity);
    const capacity = overrides.capacity ?? 100;
    return repository.save(
      repository.create({
        name: 'Test Concert',
        description: '',
        venue: 'Test Hall',
        startsAt: new Date(Date.now() + ONE_YEAR_MS),
        capacity,
        availableTickets: capacity,
        price: '25.00',
        maxTicketsPerBooking: null,
        status: 'scheduled',
        ...overrides,
      }),
    );
  }

  /** Current seat count and confirmed tickets of an event, read straight from the database. */
  ledger(eventId: string): Promise<Ledger> {
    return ledgerOf((sql, parameters) => this.dataSource.query(sql, parameters), eventId);
  }

  async bookingsOf(eventId: string): Promise<BookingEntity[]> {
    return this.dataSource.getRepository(BookingEntity).findBy({ eventId });
  }
}
