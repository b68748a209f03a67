import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, CurrentActor } from '../common/auth/actor';
import { Public } from '../common/auth/public.decorator';
import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiError, ApiEventBusy, ApiValidationError } from '../common/errors/api-error.decorator';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { CreateEventDto } from './dto/create-event.dto';
import { CAPACITY_BELOW_SOLD } from './dto/event.errors';
import { AvailabilityResponse, EventResponse, toEventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { UpdateEventDto } from './dto/update-event.dto';
import { ApiEventNotFound, EventIdParam } from './event-id.param';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'List events, soonest first' })
  @ApiPage(EventResponse, 'http://localhost:3000/api/events/')
  list(@Query() query: ListEventsQuery, @RequestUrl() url: URL): Promise<Page<EventResponse>> {
    return this.events.list(query, url);
  }

  @Post()
  @StaffOnly()
  @ApiOperation({ summary: 'Create an event (staff)' })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiValidationError({ capacity: ['capacity must not be less than 1'] })
  async create(@Body() body: CreateEventDto, @CurrentActor() actor: Actor): Promise<EventResponse> {
    return toEventResponse(await this.events.create(body, actor));
  }

  @Public()
  @Get(':eventId')
  @ApiOperation({ summary: 'One event' })
  @ApiOkResponse({ type: EventResponse })
  @ApiEventNotFound()
  async findOne(@EventIdParam() id: string): Promise<EventResponse> {
    return toEventResponse(await this.events.findOne(id));
  }

  @Public()
  @Get(':eventId/availability')
  @ApiOperation({
    summary: 'Tickets left right now',
    description:
      'Exact by default. With AVAILABILITY_CACHE_TTL_MS > 0 an answer may be that old, and never shows more tickets than the database had then.',
  })
  @ApiOkResponse({ type: AvailabilityResponse })
  @ApiEventNotFound()
  async availability(@EventIdParam() id: string): Promise<AvailabilityResponse> {
    return { event_id: id, available_tickets: await this.events.availableTickets(id) };
  }

  @Patch(':eventId')
  @StaffOnly()
  @ApiOperation({ summary: 'Change an event (staff); capacity moves available tickets by the same amount' })
  @ApiOkResponse({ type: EventResponse })
  @ApiValidationError({ price: ['price must be a non-negative amount with at most two decimal places'] })
  @ApiEventNotFound()
  @ApiError('Capacity below the tickets booked plus the tickets held.', CAPACITY_BELOW_SOLD)
  @ApiEventBusy('nothing was changed')
  async update(@EventIdParam() id: string, @Body() body: UpdateEventDto, @CurrentActor() actor: Actor): Promise<EventResponse> {
    return toEventResponse(await this.events.update(id, body, actor));
  }
}
