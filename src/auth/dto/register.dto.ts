import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

import { IsUsername } from '../../users/username-rule';

export class RegisterDto {
  @ApiProperty({ example: 'alice', description: 'ASCII letters, digits and @ . + - _; unique ignoring case.' })
  @IsUsername()
  username: string;

  @ApiProperty({ example: 'correct-horse-battery', description: 'At least 8 characters, not all digits, not containing the username.' })
  @IsString()
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ format: 'email', example: 'alice@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
