import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { AUDIT_ACTIONS, AuditAction } from '../../schema/audit-entry.entity';

export class ListAuditQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', example: '9b2e4f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsUUID()
  booking_id?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11',
    description: 'Entries made by this user (the actor).',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '6a0c7b9e-2f4d-4c1a-9b7e-0d1f2e3a4b5c' })
  @IsOptional()
  @IsUUID()
  event_id?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;
}
