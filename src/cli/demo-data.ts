import { INestApplicationContext } from '@nestjs/common';

import { BookingsService } from '../bookings/bookings.service';
import { Actor } from '../common/auth/actor';
import { EventsService } from '../events/events.service';
import { UserEntity } from '../schema/user.entity';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';

export interface DemoCredentials {
  username: string;
  password: string;
  isStaff: boolean;
}

export type SeedResult =
  { seeded: true; credentials: DemoCredentials[]; events: number; bookings: number; cancelled: number } | { seeded: false; reason: string };

// Demo passwords are printed on purpose: this data is for trying Evently out, never for production.
const STAFF: DemoCredentials = { username: 'staff', password: 'evently-admin-42', isStaff: true };
const USERS: DemoCredentials[] = [
  { username: 'alice', password: 'wonderland-42', isStaff: false },
  { username: 'bob', password: 'builder-can-do-7', isStaff: false },
  { username: 'carol', password: 'christmas-song-9', isStaff: false },
];
const DAY_MS = 24 * 60 * 60 * 1000;
const EVENTS = [
  { name: 'Jazz in the Park', venue: 'Central Park Bandshell', inDays: 14, capacity: 200, price: '25.00' },
  { name: 'Indie Night', venue: 'The Basement', inDays: 21, capacity: 80, price: '18.50', max_tickets_per_booking: 4 },
  { name: 'Symphony No. 9', venue: 'City Concert Hall', inDays: 45, capacity: 500, price: '60.00' },
  { name: 'Stand-up Showcase', venue: 'Laugh Factory', inDays: 7, capacity: 40, price: '12.00', max_tickets_per_booking: 2 },
];
// [user index, event index, tickets]
const BOOKINGS: [number, number, number][] = [
  [0, 0, 2],
  [1, 0, 4],
  [2, 0, 1],
  [0, 1, 2],
  [1, 1, 4],
  [2, 2, 6],
  [0, 3, 2],
  [1, 3, 2],
];

/**
 * Demo data for Swagger UI and the admin frontends, made through the real services (so events,
 * seats, bookings and the audit trail agree). Refuses to run twice: the staff user marks it.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<SeedResult> {
  const users = app.get(UsersService);
  if (await app.get(UsersRepository).findByUsername(STAFF.username)) {
    return { seeded: false, reason: `a user "${STAFF.username}" exists already, so demo data is (or was) there` };
  }
  const { user: staff } = await users.createOrPromoteStaff({ ...STAFF, email: 'staff@example.com' });
  const buyers: UserEntity[] = [];
  for (const user of USERS) buyers.push(await users.register({ ...user, email: `${user.username}@example.com` }));

  const asStaff: Actor = { user: staff, requestId: 'seed' };
  const eventIds: string[] = [];
  for (const { inDays, ...event } of EVENTS) {
    const startsAt = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + inDays * DAY_MS + 19 * 60 * 60 * 1000);
    eventIds.push((await app.get(EventsService).create({ ...event, starts_at: startsAt.toISOString() }, asStaff)).id);
  }

  const bookings = app.get(BookingsService);
  const made = [];
  for (const [buyer, event, tickets] of BOOKINGS) {
    made.push(await bookings.bookTickets({ eventId: eventIds[event], tickets }, { user: buyers[buyer], requestId: 'seed' }));
  }
  await bookings.cancelBooking(made[1].body.booking_id, { user: buyers[1], requestId: 'seed' });
  return { seeded: true, credentials: [STAFF, ...USERS], events: EVENTS.length, bookings: BOOKINGS.length, cancelled: 1 };
}
