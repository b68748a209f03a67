import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentUser } from '../common/auth/current-user.decorator';
import { ApiError } from '../common/errors/api-error.decorator';
import { PermissionDeniedError, UserNotFoundError } from '../common/errors/domain-errors';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { UserEntity } from '../schema/user.entity';
import { toUserResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':userId')
  @ApiOperation({ summary: 'A user’s profile (the caller’s own, or any for staff)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiError('Another user’s profile (non-staff).', new PermissionDeniedError())
  @ApiError('No such user.', new UserNotFoundError())
  async findOne(
    @Param('userId', new ParseIdPipe(() => new UserNotFoundError())) userId: string,
    @CurrentUser() caller: UserEntity,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.findVisible(userId, caller));
  }
}
