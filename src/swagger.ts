import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

import { ErrorBody } from './common/errors/api-error.decorator';

/** The OpenAPI 3 document of every route, generated from the controllers' decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Evently API')
    .setDescription(
      'Ticket booking that never oversells. Get a key from `POST /api/auth/token/`, then **Authorize** ' +
        'with it under `token` (type `Token <key>`) or `bearer` (the bare key). Or log in with ' +
        '`POST /api/auth/login/` (the page keeps the session cookie) and put its `csrf_token` under `csrf`. ' +
        'Errors are `{"error", "details"}`. Operations: `GET /api/health/` here, and Prometheus metrics at ' +
        '`GET /metrics` (outside `/api` and this document).',
    )
    .setVersion('1.0')
    // Relative: the document describes the server that serves it, whatever its address.
    .addServer('/')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: 'Type: Token <key>' }, 'token')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The key alone' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'csrf_token from login' }, 'csrf')
    .addSecurityRequirements('token')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('csrf')
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
}

/**
 * Swagger UI at /api/docs/ and the document at /api/docs-json. `npm run openapi` writes the same
 * document to openapi/evently.json, and a test keeps the two equal.
 */
export function setUpSwagger(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
