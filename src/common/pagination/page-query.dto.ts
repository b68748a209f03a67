import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';

export class PageQueryDto {
  // Checked by `pageRequest`, because a bad page is a 404 "Invalid page." (contract 3), not a 400.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @IsString()
  page?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 10, example: 10, description: 'Values above 100 are taken as 100.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page_size?: number;
}
