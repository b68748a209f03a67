import { Injectable } from '@nestjs/common';

import { EventNotFoundError, InsufficientTicketsError } from '../common/errors/domain-errors';
import { HeldSeatsRepository } from './held-seats.repository';
import { refusalOf } from './seat-allocation';
import { SeatsRepository } from './seats.repository';

/**
 * Answers a request for seats that cannot succeed from unlocked reads, without queueing for the
 * event's lock: an event already short, closed or unknown is a true answer at this moment. The
 * reads are shared with the other requests of this pass of the event loop. Seats still taken by
 * holds whose time is up count as free, since the transaction would reclaim them (contract 5).
 */
@Injectable()
export class EarlyRefusal {
  constructor(
    private readonly seats: SeatsRepository,
    private readonly heldSeats: HeldSeatsRepository,
  ) {}

  async check(eventId: string, tickets: number): Promise<void> {
    const event = await this.seats.findEvent(eventId);
    if (!event) throw new EventNotFoundError();
    const now = new Date();
    const refusal = refusalOf(event, event.availableTickets, tickets, now);
    if (!refusal) return;
    if (!(refusal instanceof InsufficientTicketsError)) throw refusal;
    const reclaimable = await this.heldSeats.overdueSeats(eventId);
    if (refusalOf(event, event.availableTickets + reclaimable, tickets, now)) throw refusal;
  }
}
