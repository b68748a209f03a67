import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OpenAPI 3 document the tests read. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: Schema;
}

interface MediaType {
  schema: Schema;
  example?: Record<string, unknown>;
  examples?: Record<string, { value: Record<string, unknown> }>;
}

export interface Response {
  headers?: Record<string, unknown>;
  content?: { 'application/json': MediaType };
}

export interface Operation {
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': MediaType } };
  responses: Record<string, Response>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, unknown>> };
}

/** openapi/evently.json, which test/openapi.e2e-spec.ts keeps equal to what the server publishes. */
export const openApiDocument = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'evently.json'), 'utf8')) as OpenApiDocument;

export interface NamedOperation {
  /** `POST /api/holds` */
  name: string;
  method: string;
  operation: Operation;
}

export const operations: NamedOperation[] = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })),
);

export function operationNamed(name: string): Operation {
  const found = operations.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} is not in the document`);
  return found.operation;
}

/** A schema `#/components/schemas/X` names. */
export function resolve(schema: Schema): Schema {
  return schema.$ref ? openApiDocument.components.schemas[schema.$ref.split('/').pop()!] : schema;
}

/** Every named value the document types: `Schema.property`, and `GET /path parameter`. */
export function typedValues(): { where: string; name: string; schema: Schema }[] {
  const properties = Object.entries(openApiDocument.components.schemas).flatMap(([schemaName, schema]) =>
    Object.entries(schema.properties ?? {}).map(([name, property]) => ({ where: `${schemaName}.${name}`, name, schema: property })),
  );
  const parameters = operations.flatMap(({ name: operationName, operation }) =>
    (operation.parameters ?? []).map(({ name, schema }) => ({ where: `${operationName} ${name}`, name, schema })),
  );
  return [...properties, ...parameters];
}
