import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { batchPerLoopPass } from '../common/batching/batch-per-loop-pass';
import { PageRequest } from '../common/pagination/pagination';
import { BookingEntity, bookingFromRow, BookingRow, BookingStatus } from '../schema/booking.entity';

export interface BookingFilters {
  userId?: string;
  eventId?: string;
  status?: BookingStatus;
}

/** One page of one user's history, as the batched query is asked for it. */
interface HistoryPageRequest {
  userId: string;
  offset: number;
  pageSize: number;
}

/** A pagesSql row: which request it answers, that request's count, and a booking (all null past the end). */
type PageRow = { request: string; total: number } & (BookingRow | { id: null });

const FILTER_COLUMNS = [
  ['userId', 'user_id'],
  ['eventId', 'event_id'],
  ['status', 'status'],
] as const satisfies readonly (readonly [keyof BookingFilters, string])[];

/**
 * The one paging statement of bookings, for staff lists and histories alike: for each request of
 * `requests` (columns request, page_offset, page_size), the count of the bookings matching `where`
 * and the rows of its page, newest first with the id breaking ties (bookings of one turn share
 * created_at), so consecutive pages never repeat or skip a row. The page's ids are picked first
 * from the index and its rows fetched by id, so a deep OFFSET walks the index alone; a page past
 * the end still answers its count, from a row without a booking.
 */
function pagesSql(requests: string, where: string): string {
  return `SELECT q.request, t.total, b.*
    FROM ${requests}
    CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM bookings WHERE ${where}) t
    LEFT JOIN LATERAL (
      SELECT * FROM bookings WHERE id IN (
        SELECT id FROM bookings WHERE ${where} ORDER BY created_at DESC, id DESC OFFSET q.page_offset LIMIT q.page_size
      )
    ) b ON true
    ORDER BY q.request, b.created_at DESC, b.id DESC`;
}

@Injectable()
export class BookingsRepository {
  // After an on-sale's bookings come their owners' "my bookings" pages.
  private readonly historyPages = batchPerLoopPass((requests: readonly HistoryPageRequest[]) => this.findHistoryPages(requests));

  constructor(@InjectRepository(BookingEntity) private readonly bookings: Repository<BookingEntity>) {}

  findById(id: string): Promise<BookingEntity | null> {
    return this.bookings.findOneBy({ id });
  }

  /** A page of the bookings that match the filters, newest first, and how many match in all. */
  async page(filters: BookingFilters, request: PageRequest): Promise<[BookingEntity[], number]> {
    const parameters: unknown[] = [request.offset, request.pageSize];
    const where = FILTER_COLUMNS.flatMap(([filter, column]) => {
      if (filters[filter] === undefined) return [];
      parameters.push(filters[filter]);
      return [`${column} = $${parameters.length}`];
    });
    const rows: PageRow[] = await this.bookings.query(
      pagesSql('(VALUES (1, $1::bigint, $2::integer)) AS q(request, page_offset, page_size)', where.join(' AND ') || 'true'),
      parameters,
    );
    return this.pagesFromRows(rows, 1)[0];
  }

  /**
   * A page of the user's history, in the order of `page`. The pages asked for in one pass of the
   * event loop are read by one statement.
   */
  pageByUser(userId: string, request: PageRequest): Promise<[BookingEntity[], number]> {
    return this.historyPages.load({ userId, offset: request.offset, pageSize: request.pageSize });
  }

  /** Each distinct page once, however many requests of the pass asked for it. */
  private async findHistoryPages(requests: readonly HistoryPageRequest[]): Promise<[BookingEntity[], number][]> {
    const keyOf = (request: HistoryPageRequest) => `${request.userId} ${request.offset} ${request.pageSize}`;
    const distinct = [...new Map(requests.map((request) => [keyOf(request), request])).values()];
    const rows: PageRow[] = await this.bookings.query(
      pagesSql(
        'unnest($1::uuid[], $2::bigint[], $3::integer[]) WITH ORDINALITY AS q(user_id, page_offset, page_size, request)',
        'user_id = q.user_id',
      ),
      [distinct.map((request) => request.userId), distinct.map((request) => request.offset), distinct.map((request) => request.pageSize)],
    );
    const pages = this.pagesFromRows(rows, distinct.length);
    const pageOfKey = new Map(distinct.map((request, index) => [keyOf(request), pages[index]]));
    return requests.map((request) => pageOfKey.get(keyOf(request))!);
  }

  /** Splits a pagesSql result into its pages, in the order the requests were numbered. */
  private pagesFromRows(rows: PageRow[], pageCount: number): [BookingEntity[], number][] {
    const pages = Array.from({ length: pageCount }, (): [BookingEntity[], number] => [[], 0]);
    for (const row of rows) {
      const page = pages[Number(row.request) - 1];
      page[1] = row.total;
      if (row.id !== null) page[0].push(bookingFromRow(row));
    }
    return pages;
  }
}
