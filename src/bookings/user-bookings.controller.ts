import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, CurrentActor } from '../common/auth/actor';
import { ApiError } from '../common/errors/api-error.decorator';
import { PermissionDeniedError, UserNotFoundError } from '../common/errors/domain-errors';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { Page } from '../common/pagination/pagination';
import { BookingsService } from './bookings.service';
import { BookingHistoryItem } from './dto/booking.response';

/** Contract 3 lives under /users but is a view of bookings, so the bookings module serves it. */
@ApiTags('bookings')
@Controller('users/:userId/bookings')
export class UserBookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get()
  @ApiOperation({ summary: 'A user’s booking history, newest first, cancelled bookings included' })
  @ApiPage(BookingHistoryItem, 'http://localhost:3000/api/users/3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11/bookings/')
  @ApiError('Another user’s history (non-staff).', new PermissionDeniedError())
  @ApiError('No such user.', new UserNotFoundError())
  history(
    @Param('userId', new ParseIdPipe(() => new UserNotFoundError())) userId: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
    @RequestUrl() url: URL,
  ): Promise<Page<BookingHistoryItem>> {
    return this.bookings.history(userId, query, actor.user, url);
  }
}
