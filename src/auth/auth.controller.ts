import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';

import { CurrentUser } from '../common/auth/current-user.decorator';
import { Public } from '../common/auth/public.decorator';
import { ApiError, ApiValidationError } from '../common/errors/api-error.decorator';
import { InvalidCredentialsError, UnableToLogInError, UsernameTakenError } from '../common/errors/domain-errors';
import { AuthRateLimit } from '../rate-limits/rate-limits';
import { UserEntity } from '../schema/user.entity';
import { toUserResponse, UserResponse } from '../users/dto/user.response';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginResponse, TokenResponse } from './dto/auth.responses';
import { CredentialsDto } from './dto/credentials.dto';
import { RegisterDto } from './dto/register.dto';
import { SessionCredentialsGuard, TokenCredentialsGuard } from './guards/credentials.guard';
import { HttpSessions, SESSION_COOKIE } from './http-sessions';
import { StartsSession } from './sessions-where-needed';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: HttpSessions,
  ) {}

  @Public()
  @AuthRateLimit()
  @Post('register')
  @ApiOperation({ summary: 'Create an account (never staff)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiValidationError({ password: ['password must be at least 8 characters long'] })
  @ApiError('Username taken (case-insensitive).', new UsernameTakenError())
  async register(@Body() body: RegisterDto): Promise<UserResponse> {
    return toUserResponse(await this.users.register(body));
  }

  @Public()
  @Post('token')
  @HttpCode(HttpStatus.OK)
  // Decorators apply bottom-up: the rate limit's guard must run before the credentials are checked.
  @UseGuards(TokenCredentialsGuard)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Exchange username and password for a new API key' })
  @ApiBody({ type: CredentialsDto })
  @ApiOkResponse({ type: TokenResponse })
  @ApiValidationError({ password: ['password must be a string'] })
  @ApiError('Bad credentials.', new UnableToLogInError())
  async issueToken(@CurrentUser() user: UserEntity): Promise<TokenResponse> {
    return { token: await this.auth.issueToken(user), user_id: user.id };
  }

  @Delete('token')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the API key this request was made with' })
  @ApiNoContentResponse({ description: 'Revoked (nothing to revoke for a session caller).' })
  async revokeToken(@Req() request: FastifyRequest): Promise<void> {
    if (request.tokenKey) await this.auth.revokeToken(request.tokenKey);
  }

  @Public()
  @Post('login')
  @StartsSession()
  @HttpCode(HttpStatus.OK)
  // Decorators apply bottom-up: the rate limit's guard must run before the credentials are checked.
  @UseGuards(SessionCredentialsGuard)
  @AuthRateLimit()
  @ApiOperation({ summary: 'Start a browser session (sets the session cookie)' })
  @ApiBody({ type: CredentialsDto })
  @ApiOkResponse({
    type: LoginResponse,
    headers: {
      'Set-Cookie': {
        description: `The session cookie \`${SESSION_COOKIE}\`: HttpOnly, SameSite=Lax, Secure over HTTPS; a browser sends it back by itself.`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiValidationError({ password: ['password must be a string'] })
  @ApiError('Bad credentials.', new InvalidCredentialsError())
  async login(@Req() request: FastifyRequest, @CurrentUser() user: UserEntity): Promise<LoginResponse> {
    const csrfToken = await this.sessions.signIn(request, user.id);
    return { user_id: user.id, username: user.username, is_staff: user.isStaff, csrf_token: csrfToken };
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the browser session' })
  @ApiNoContentResponse({ description: 'Session destroyed; the cookie is expired.' })
  logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.sessions.signOut(request, reply);
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: UserEntity): UserResponse {
    return toUserResponse(user);
  }
}
