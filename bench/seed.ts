import { Client } from 'pg';

import { BenchUser, createEvent, createUsers, insertHistory } from './bench-database';

export const BUYERS = 2_000;
export const HOT_CAPACITY = 1_000_000;
const HISTORY_ROWS = 1_000_000;
const HEAVY_USER_BOOKINGS = 10_000;
const SOLD_OUT_CAPACITY = 100;

export interface BenchData {
  buyers: BenchUser[];
  /** The user with 10,000 of the 1,000,000 bookings (scenario d). */
  heavyUser: BenchUser;
  hotEventId: string;
  /** The event of scenario (h), held and confirmed. */
  holdEventId: string;
  rawSqlEventId: string;
  soldOutEventId: string;
}

/** Everything the scenarios need, written by SQL: users with keys, events, a million bookings. */
export async function seedBenchData(client: Client): Promise<BenchData> {
  const [heavyUser, ...buyers] = await createUsers(client, BUYERS + 1);
  const hotEventId = await createEvent(client, 'Hot on-sale', HOT_CAPACITY);
  const holdEventId = await createEvent(client, 'Hot holds', HOT_CAPACITY);
  const rawSqlEventId = await createEvent(client, 'Raw SQL ceiling', HOT_CAPACITY);
  const soldOutEventId = await createEvent(client, 'Sold out', SOLD_OUT_CAPACITY, SOLD_OUT_CAPACITY);
  await insertHistory(client, {
    eventId: soldOutEventId,
    total: SOLD_OUT_CAPACITY,
    heavyUserId: buyers[0].id,
    heavyUserBookings: SOLD_OUT_CAPACITY,
    otherUserIds: [buyers[0].id],
  });
  const historyEventId = await createEvent(client, 'Past on-sales', HISTORY_ROWS, HISTORY_ROWS);
  await insertHistory(client, {
    eventId: historyEventId,
    total: HISTORY_ROWS,
    heavyUserId: heavyUser.id,
    heavyUserBookings: HEAVY_USER_BOOKINGS,
    otherUserIds: buyers.map((buyer) => buyer.id),
  });
  return { buyers, heavyUser, hotEventId, holdEventId, rawSqlEventId, soldOutEventId };
}

export const HISTORY_LAST_PAGE = HEAVY_USER_BOOKINGS / 10;
