import { InitialSchema1795550908246 } from './1795550908246-initial-schema';
import { IdempotencyKeys1795600000000 } from './1795600000000-idempotency-keys';
import { BookingRejectionsAndAuditIndexes1795612712309 } from './1795612712309-booking-rejections-and-audit-indexes';
import { BookingTotalsFitAnyOrder1795700000000 } from './1795700000000-booking-totals-fit-any-order';
import { HoldsAndWaitingList1796078075087 } from './1796078075087-holds-and-waiting-list';

// Every migration in the order it applies. `npm run migration:generate` writes a new file here;
// add its class to this list (a test fails while entities and migrations disagree).
export const migrations = [
  InitialSchema1795550908246,
  IdempotencyKeys1795600000000,
  BookingRejectionsAndAuditIndexes1795612712309,
  BookingTotalsFitAnyOrder1795700000000,
  HoldsAndWaitingList1796078075087,
];
