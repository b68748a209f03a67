import { Logger } from '@nestjs/common';

import { Metrics } from '../metrics/metrics';
import { HoldEnding } from '../schema/hold.entity';
import { WAITLIST_STATUS_OF_HOLD_ENDING } from '../schema/waitlist-entry.entity';
import { EndedHold } from './held-seats.repository';

/**
 * What a seat transaction did to holds and the waiting line besides answering its requests (holds
 * that ran out, offers made), kept until it commits: counted and logged only once it is true.
 */
export class SeatChangeLog {
  holdsCreated = 0;
  offersMade = 0;
  /** Waiting (not offered) entries cancelled with their event. */
  entriesCancelled = 0;
  private readonly ended: { ending: HoldEnding; holds: EndedHold[] }[] = [];

  holdsEnded(ending: HoldEnding, holds: EndedHold[]): void {
    this.ended.push({ ending, holds });
  }

  /** After the commit: the metrics, and one log line for anything that happened by the clock or to the line. */
  record(eventId: string, metrics: Metrics, logger: Logger): void {
    if (this.holdsCreated) metrics.holds.inc({ outcome: 'created' }, this.holdsCreated);
    if (this.offersMade) metrics.waitlist.inc({ outcome: 'offered' }, this.offersMade);
    if (this.entriesCancelled) metrics.waitlist.inc({ outcome: 'cancelled' }, this.entriesCancelled);
    for (const { ending, holds } of this.ended) {
      metrics.holds.inc({ outcome: ending }, holds.length);
      const offers = holds.filter((hold) => hold.offerSettled).length;
      if (offers) metrics.waitlist.inc({ outcome: WAITLIST_STATUS_OF_HOLD_ENDING[ending] }, offers);
    }
    const expired = this.ended.filter(({ ending }) => ending === 'expired').flatMap(({ holds }) => holds);
    if (expired.length || this.offersMade) {
      logger.log({
        msg: 'seats came back',
        outcome: 'hold.expired',
        event_id: eventId,
        holds_expired: expired.length,
        tickets_returned: expired.reduce((total, hold) => total + hold.numberOfTickets, 0),
        offers_made: this.offersMade,
      });
    }
  }
}
