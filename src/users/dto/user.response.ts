import { ApiProperty } from '@nestjs/swagger';

import { UserEntity } from '../../schema/user.entity';

export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;

  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ format: 'email', example: 'alice@example.com', nullable: true, type: String })
  email: string | null;

  @ApiProperty({ example: false })
  is_staff: boolean;
}

export function toUserResponse(user: UserEntity): UserResponse {
  return { user_id: user.id, username: user.username, email: user.email, is_staff: user.isStaff };
}
