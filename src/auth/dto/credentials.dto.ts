import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { IsUsername } from '../../users/username-rule';

export class CredentialsDto {
  @ApiProperty({ example: 'alice' })
  @IsUsername()
  username: string;

  @ApiProperty({ example: 'correct-horse-battery' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}
