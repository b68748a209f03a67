import { NamedOperation, openApiDocument, operationNamed, operations, resolve, typedValues } from './support/openapi-document';

// Contract: Authentication and Events (public), Operations (health).
const PUBLIC_ROUTES = [
  'POST /api/auth/register',
  'POST /api/auth/token',
  'POST /api/auth/login',
  'GET /api/events',
  'GET /api/events/{eventId}',
  'GET /api/events/{eventId}/availability',
  'GET /api/health',
];
const SAFE_METHODS = new Set(['get', 'head', 'options']);
// The figures that are fractions (contract: Analytics); every other number the API gives is a count.
const RATIOS = [
  'SummaryResponse.success_rate',
  'SummaryResponse.utilisation',
  'SummaryResponse.hold_conversion_rate',
  'EventStatsResponse.utilisation',
];

const isPublic = ({ name }: NamedOperation) => PUBLIC_ROUTES.includes(name);
function examplesOf(operation: NamedOperation['operation'], status: string): Record<string, unknown>[] {
  const content = operation.responses[status]?.content?.['application/json'];
  return [...(content?.example ? [content.example] : []), ...Object.values(content?.examples ?? {}).map(({ value }) => value)];
}

describe('openapi/evently.json says what the contract says', () => {
  it('leaves exactly the public routes open, with an empty security requirement (no padlock in Swagger UI)', () => {
    const open = operations.filter(({ operation }) => operation.security?.length === 0).map(({ name }) => name);

    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('asks every other route for an API key, or the session cookie with its CSRF token on unsafe methods', () => {
    for (const named of operations.filter((candidate) => !isPublic(candidate))) {
      const session = SAFE_METHODS.has(named.method) ? { session: [] } : { session: [], csrf: [] };
      expect({ [named.name]: named.operation.security }).toEqual({ [named.name]: [{ token: [] }, { bearer: [] }, session] });
    }
  });

  it('describes API keys as the opaque strings they are, in both header forms, never as JWTs', () => {
    const { token, bearer } = openApiDocument.components.securitySchemes;

    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(bearer).not.toHaveProperty('bearerFormat');
    expect(JSON.stringify(bearer)).not.toMatch(/JWT(?!\))/);
    expect(bearer.description).toMatch(/opaque/);
    expect(token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(token.description).toContain('Token <key>');
  });

  it('documents 401 (with WWW-Authenticate) on every protected route and the CSRF 403 on every unsafe one', () => {
    for (const named of operations.filter((candidate) => !isPublic(candidate))) {
      const { name, method, operation } = named;
      expect({ [name]: operation.responses['401']?.headers }).toEqual({ [name]: { 'WWW-Authenticate': expect.anything() } });
      expect({ [name]: examplesOf(operation, '401') }).toEqual({ [name]: expect.arrayContaining([{ error: 'Invalid token.' }]) });
      const csrf = expect.arrayContaining([{ error: 'CSRF token missing or invalid' }]);
      if (!SAFE_METHODS.has(method)) expect({ [name]: examplesOf(operation, '403') }).toEqual({ [name]: csrf });
      else expect({ [name]: examplesOf(operation, '403') }).not.toEqual({ [name]: csrf });
    }
  });

  it('documents the JSON body refusals (400 malformed, 413, 415) on every route with a body, and 404 on every id in a path', () => {
    for (const { name, operation } of operations) {
      if (operation.requestBody) {
        expect({ [name]: examplesOf(operation, '400') }).toEqual({
          [name]: expect.arrayContaining([{ error: 'Malformed JSON in request body.' }]),
        });
        expect({ [name]: Object.keys(operation.responses) }).toEqual({ [name]: expect.arrayContaining(['413', '415']) });
      }
      if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path'))
        expect({ [name]: operation.responses['404'] }).toBeDefined();
    }
  });

  it('gives counts as integers: the only numbers are ratios', () => {
    const numbers = typedValues().filter(({ schema }) => schema.type === 'number');

    expect(numbers.map(({ where }) => where).sort()).toEqual([...RATIOS].sort());
  });

  it('gives every id as a UUID and every time as a date-time', () => {
    const values = typedValues();
    // A request id may be the caller's own X-Request-Id, which need not be a UUID.
    const ids = values.filter(({ name }) => /(^id|_id|Id)$/.test(name) && name !== 'request_id');
    const times = values.filter(({ where, name }) => /(_at|^timestamp|^start)$/.test(name) || /Response\.(from|to)$/.test(where));

    expect(ids.filter(({ schema }) => schema.format !== 'uuid').map(({ where }) => where)).toEqual([]);
    expect(times.filter(({ schema }) => schema.format !== 'date-time').map(({ where }) => where)).toEqual([]);
    expect(ids.length).toBeGreaterThan(30);
    expect(times.length).toBeGreaterThan(8);
  });

  it('gives `upcoming` of the event list as a boolean query parameter', () => {
    const upcoming = operationNamed('GET /api/events').parameters!.find(({ name }) => name === 'upcoming');

    expect(upcoming).toMatchObject({ in: 'query', schema: { type: 'boolean' } });
  });

  it.each(['POST /api/bookings', 'POST /api/holds', 'POST /api/events/{eventId}/waitlist'])(
    '%s: Try it out starts from what a buyer sends, without the staff-only user_id, which stays documented as optional',
    (name) => {
      const body = operationNamed(name).requestBody!.content['application/json'];
      const [first] = Object.values(body.examples ?? {});

      expect(first.value).toEqual(expect.objectContaining({ number_of_tickets: 2 }));
      expect(first.value).not.toHaveProperty('user_id');
      const schema = resolve(body.schema);
      expect(schema.properties).toHaveProperty('user_id');
      expect(schema.required).not.toContain('user_id');
    },
  );

  it('gives each invalid-input example a field the route really takes (a body property, a parameter or a header)', () => {
    for (const { name, operation } of operations) {
      const body = operation.requestBody && resolve(operation.requestBody.content['application/json'].schema);
      const fields = [...Object.keys(body?.properties ?? {}), ...(operation.parameters ?? []).map((parameter) => parameter.name)];
      for (const example of examplesOf(operation, '400')) {
        const problems = Object.keys((example.details as Record<string, unknown> | undefined) ?? {});
        expect({ [name]: problems.filter((field) => !fields.includes(field)) }).toEqual({ [name]: [] });
      }
    }
  });

  it('gives the holds and waiting-list conflicts schemas with their fields, so the typed client has them (contract 5, 6)', () => {
    const requiredOf409 = (name: string) =>
      (operationNamed(name).responses['409'].content!['application/json'].schema.anyOf ?? []).map((schema) => resolve(schema).required);

    expect(requiredOf409('POST /api/holds')).toEqual(
      expect.arrayContaining([
        ['error', 'hold_id'],
        ['error', 'available_tickets', 'requested_tickets'],
      ]),
    );
    expect(requiredOf409('POST /api/holds/{holdId}/confirm')).toContainEqual(['error', 'status', 'booking_id']);
    expect(requiredOf409('DELETE /api/holds/{holdId}')).toEqual([]); // one shape only: a $ref, no anyOf
    expect(resolve(operationNamed('DELETE /api/holds/{holdId}').responses['409'].content!['application/json'].schema).required).toEqual([
      'error',
      'status',
      'booking_id',
    ]);
    expect(requiredOf409('POST /api/events/{eventId}/waitlist')).toEqual(
      expect.arrayContaining([
        ['error', 'available_tickets'],
        ['error', 'entry_id'],
      ]),
    );
  });
});
