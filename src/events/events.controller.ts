import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../common/auth/actor';
import { Public } from '../common/auth/public.decorator';
import { StaffOnly } from '../common/auth/staff-only.decorator';
import { ApiAuthErrors, ApiError, ApiValidationError } from '../common/errors/api-error.decorator';
import { EventNotFoundError } from '../common/errors/domain-errors';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { RequestUrl } from '../common/http/request-url';
import { ApiPage } from '../common/pagination/api-page.decorator';
import { Page } from '../common/pagination/pagination';
import { CreateEventDto } from './dto/create-event.dto';
import { AvailabilityResponse, EventResponse, toEventResponse } from './dto/event.response';
import { ListEventsQuery } from './dto/list-events.query';
import { EventsService } from './events.service';

const eventId = new ParseIdPipe(() => new EventNotFoundError());
const EVENT_NOT_FOUND = { error: 'Event not found' };

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
  @ApiValidationError()
  @ApiAuthErrors()
  async create(@Body() body: CreateEventDto, @CurrentActor() actor: Actor): Promise<EventResponse> {
    return toEventResponse(await this.events.create(body, actor));
  }

  @Public()
  @Get(':eventId')
  @ApiOperation({ summary: 'One event' })
  @ApiOkResponse({ type: EventResponse })
  @ApiError(404, 'No such event.', EVENT_NOT_FOUND)
  async findOne(@Param('eventId', eventId) id: string): Promise<EventResponse> {
    return toEventResponse(await this.events.findOne(id));
  }

  @Public()
  @Get(':eventId/availability')
  @ApiOperation({ summary: 'Tickets left right now' })
  @ApiOkResponse({ type: AvailabilityResponse })
  @ApiError(404, 'No such event.', EVENT_NOT_FOUND)
  async availability(@Param('eventId', eventId) id: string): Promise<AvailabilityResponse> {
    return { event_id: id, available_tickets: await this.events.availableTickets(id) };
  }
}
