import { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, OperationObject, SwaggerModule } from '@nestjs/swagger';

import { SESSION_COOKIE } from './auth/http-sessions';
import { ErrorBody } from './common/errors/api-error.decorator';
import { DocumentedRoute, documentedRoutes, operationIdOf } from './common/openapi/documented-routes';
import { documentRoute } from './common/openapi/route-conventions';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

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
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: 'An API key, typed as `Token <key>`.' }, 'token')
    // bearerFormat is only a hint, and DocumentBuilder's default ("JWT") would be wrong: keys are opaque random strings.
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: undefined, description: 'An API key (an opaque token, not a JWT), typed alone.' },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by `POST /api/auth/login/`; the browser sends it.' },
      'session',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token',
        description: 'The `csrf_token` of login: with the session, on unsafe requests.',
      },
      'csrf',
    )
    .build();
  const routes = documentedRoutes(app);
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: errorBodiesOf(routes),
    operationIdFactory: operationIdOf,
  });
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = pathItem[method];
      if (!operation) continue;
      const route = routes.get(operation.operationId!);
      if (!route) throw new Error(`No route handler for the operation ${operation.operationId}`);
      documentRoute(operation, method, route);
    }
  }
  return document;
}

function errorBodiesOf(routes: Map<string, DocumentedRoute>): Type[] {
  const bodies = [...routes.values()].flatMap(({ errors }) => errors.flatMap(({ answers }) => answers.map(({ body }) => body as Type)));
  return [...new Set([ErrorBody, ...bodies])];
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
