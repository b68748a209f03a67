import { EntityManager } from 'typeorm';

import { EventEntity } from '../schema/event.entity';
import { CandidatePage, HeldSeatsRepository, LineCandidate } from './held-seats.repository';
import { allocateSeats, holdAsk, refusalOf } from './seat-allocation';
import { NewHold } from './seat-requests';

/**
 * Contract 6: the holds to offer for `seats` freed seats of a locked event, walking the waiting
 * line in join order a page at a time: each entry that fits what the entries before it left gets
 * one (`source: "waitlist"`); one that does not fit keeps its place and a smaller one behind it
 * is served. The first entry of a page always fits, so a full page is followed by another only
 * while seats remain. What is left reaches the public only when no waiting entry fits it.
 */
export async function offersDownTheLine(
  heldSeats: HeldSeatsRepository,
  event: EventEntity,
  seats: number,
  manager: EntityManager,
): Promise<NewHold[]> {
  if (seats <= 0 || refusalOf(event, seats, 1, new Date())) return [];
  const offers: NewHold[] = [];
  let page: CandidatePage = { seats, maxTickets: event.maxTicketsPerBooking ?? seats, after: null };
  for (;;) {
    const entries = await heldSeats.waitingCandidates(event.id, page, manager);
    const allocation = allocateSeats(event, page.seats, entries.map(holdAsk), new Set(), new Date());
    offers.push(...entries.filter((_, index) => allocation.decisions[index].kind === 'fits').map(offerTo));
    if (entries.length < page.seats || allocation.seatsLeft === 0) return offers;
    page = { ...page, seats: allocation.seatsLeft, after: entries.at(-1)!.id };
  }
}

function offerTo(entry: LineCandidate): NewHold {
  return { userId: entry.userId, tickets: entry.tickets, actorId: null, requestId: null, source: 'waitlist', waitlistEntryId: entry.id };
}
