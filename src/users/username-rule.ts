import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { FieldErrors } from '../common/errors/domain-errors';

// ASCII only (`\w` without the u flag): JavaScript and PostgreSQL lower-case ASCII alike, so a
// name matches one account however it is capitalised.
const USERNAME = /^[\w.@+-]+$/;
const USERNAME_RULE = 'username may contain only letters, digits and @ . + - _';

/**
 * The sign-up rule, checked at sign-up and at login alike: a login with a name no account can
 * have (`alİce`) is refused before the lockout or the password hash sees it.
 */
export const IsUsername = () => applyDecorators(IsString(), Matches(USERNAME, { message: USERNAME_RULE }), MinLength(1), MaxLength(150));

/** The same rule for callers without a DTO (createsuperuser). */
export function usernameFieldErrors(username: string): FieldErrors | undefined {
  return USERNAME.test(username) ? undefined : { username: [USERNAME_RULE] };
}
