import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'alice', description: 'Letters, digits and @ . + - _; unique ignoring case.' })
  @IsString()
  @Matches(/^[\w.@+-]+$/, { message: 'username may contain only letters, digits and @ . + - _' })
  @MinLength(1)
  @MaxLength(150)
  username: string;

  @ApiProperty({ example: 'correct-horse-battery', description: 'At least 8 characters, not all digits, not containing the username.' })
  @IsString()
  @MaxLength(128)
  password: string;

  @ApiPropertyOptional({ example: 'alice@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
