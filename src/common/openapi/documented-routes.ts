import { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

import { IS_PUBLIC } from '../auth/public.decorator';
import { API_ERRORS, DocumentedErrors } from '../errors/api-error.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';

/** What the document says of a route beyond what @nestjs/swagger reads from its decorators. */
export interface DocumentedRoute {
  isPublic: boolean;
  errors: DocumentedErrors[];
  /** Path parameters read through ParseIdPipe: UUIDs, a malformed one being "not found". */
  idParameters: string[];
}

interface RouteArgument {
  data?: unknown;
  pipes?: unknown[];
}

/** @nestjs/swagger's own operation ids, said outright because the routes are found by them. */
export const operationIdOf = (controllerKey: string, methodKey: string): string => `${controllerKey}_${methodKey}`;

/** Every route handler of the application, by the operation id the document gives it. */
export function documentedRoutes(app: INestApplication): Map<string, DocumentedRoute> {
  const routes = new Map<string, DocumentedRoute>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const controller = metatype as Type;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, object>)[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        routes.set(operationIdOf(controller.name, name), {
          // As the authentication guard reads @Public(): the handler's, else its controller's.
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)),
          errors: [...errorsOf(handler), ...errorsOf(controller)],
          idParameters: idParametersOf(controller, name),
        });
      }
    }
  }
  return routes;
}

function errorsOf(holder: object): DocumentedErrors[] {
  return (Reflect.getMetadata(API_ERRORS, holder) as DocumentedErrors[] | undefined) ?? [];
}

function idParametersOf(controller: Type, methodName: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<string, RouteArgument>;
  return Object.values(args)
    .filter(({ pipes }) => pipes?.some((pipe) => pipe instanceof ParseIdPipe))
    .map(({ data }) => String(data));
}
