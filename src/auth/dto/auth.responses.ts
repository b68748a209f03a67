import { ApiProperty } from '@nestjs/swagger';

export class TokenResponse {
  @ApiProperty({
    example: 'q3ZbYq9q1o3n7hVQJ0m6l3cT6d3sYt9Kx2mD4yP8a1E',
    description: 'Shown once; send it as `Authorization: Token <key>`.',
  })
  token: string;

  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;
}

export class LoginResponse {
  @ApiProperty({ format: 'uuid', example: '3f1c5a0e-8a51-4b4e-9d1e-6f0e2b7d9c11' })
  user_id: string;

  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ example: false })
  is_staff: boolean;

  @ApiProperty({
    example: 'Zx8sV1...',
    description: 'Send as `X-CSRF-Token` on POST, PATCH and DELETE requests made with the session cookie.',
  })
  csrf_token: string;
}
