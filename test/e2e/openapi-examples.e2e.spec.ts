import { clerk, manager, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  items?: Schema;
  type?: string;
  enum?: unknown[];
  default?: unknown;
};
type Media = { schema?: Schema; example?: unknown };
type Operation = {
  requestBody?: { content: Record<string, Media> };
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  security?: unknown;
  responses: Record<string, { content?: Record<string, Media> }>;
};
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/**
 * The sample Swagger UI builds from a body schema for "Try it out" (its sampleFromSchema, simplified):
 * a property's `example` where present, else the first enum value or default, else a placeholder of
 * the type ("string", 0, true); every property, required or not.
 */
const swaggerUiSample = (spec: Spec, schema: Schema): unknown => {
  if (schema.example !== undefined) return schema.example;
  if (schema.$ref) return swaggerUiSample(spec, spec.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => swaggerUiSample(spec, part)));
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.properties)
    return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, swaggerUiSample(spec, property)]));
  switch (schema.type) {
    case 'array':
      return [swaggerUiSample(spec, schema.items ?? {})];
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    case 'object':
      return {};
    default:
      return 'string';
  }
};

describe('the OpenAPI document', () => {
  let t: TestApp;
  let spec: Spec;

  beforeAll(async () => {
    t = await startTestApp();
    spec = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const mediaOf = (path: string): Media | undefined => spec.paths[path].post.requestBody?.content['application/json'];
  /** The request body's own example: what Swagger UI puts in "Try it out". */
  const documentedExample = (path: string): object => (mediaOf(path)?.example as object | undefined) ?? {};
  /** What Swagger UI would build from the body's schema alone. */
  const sampleFromSchema = (path: string): object => {
    const schema = mediaOf(path)?.schema;
    return schema ? (swaggerUiSample(spec, schema) as object) : {};
  };

  it('documents bearer authentication on every change, and retry and staleness headers on every complaint command', () => {
    for (const [path, operations] of Object.entries(spec.paths)) {
      if (!operations.post) continue;
      const headers = (operations.post.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      const expected = path.startsWith('/complaints') ? ['Idempotency-Key', 'If-Match'] : [];
      expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(expected) });
      expect({ path, security: operations.post.security }).toEqual({ path, security: [{ bearer: [] }] });
    }
  });

  it('gives every command a complete request example, with every field of its body', () => {
    // JSON bodies; an evidence file is its own bytes (checked below).
    const commands = Object.keys(spec.paths).filter((path) => path.startsWith('/complaints') && spec.paths[path].post?.requestBody?.content['application/json']);
    expect(commands.length).toBeGreaterThanOrEqual(13);
    for (const path of commands) {
      const media = mediaOf(path) as Media;
      expect({ path, example: media.example }).toEqual({ path, example: expect.any(Object) });
      const properties = Object.keys(spec.components.schemas[(media.schema?.$ref ?? '').split('/').pop() as string]?.properties ?? {});
      expect({ path, fields: Object.keys(media.example as object).sort() }).toEqual({ path, fields: properties.sort() });
    }
  });

  it('documents the evidence upload as the raw file: its accepted types, a binary body, ?filename= with an example, 413/415/422', () => {
    const upload = spec.paths['/complaints/{id}/evidence'].post;
    expect(Object.keys(upload.requestBody?.content ?? {})).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf']));
    expect(Object.keys(upload.requestBody?.content ?? {})).not.toContain('application/json');
    for (const media of Object.values(upload.requestBody?.content ?? {})) expect(media.schema).toEqual({ type: 'string', format: 'binary' });
    expect(upload.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'filename', in: 'query', required: true, schema: expect.objectContaining({ example: expect.any(String) }) })]));
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '413', '415', '422']));
  });

  it('never shows a field that names a person: the principal is recorded', () => {
    const documented = JSON.stringify(spec.components.schemas);
    for (const field of ['takenBy', 'investigatedBy', 'decidedBy', 'signedBy', 'approvedBy']) expect(documented).not.toContain(`"${field}"`);
  });

  it('points registration to the endpoint that lists the categories', () => {
    const category = spec.components.schemas.RegisterComplaintDto.properties?.category as Schema & { description: string };
    expect(category.description).toContain('GET /policies');
    expect(Object.keys(spec.paths)).toContain('/policies');
  });

  it('documents the response schema of every complaint query, and 404 where it names a complaint', () => {
    const queries = Object.entries(spec.paths).filter(([path, operations]) => operations.get && (path.startsWith('/complaints/{id}') || path === '/policies'));
    expect(queries.map(([path]) => path).sort()).toEqual([
      '/complaints/{id}',
      '/complaints/{id}/evidence',
      '/complaints/{id}/evidence/{sha256}',
      '/complaints/{id}/history',
      '/complaints/{id}/verification',
      '/policies',
    ]);
    for (const [path, { get }] of queries) {
      // JSON, or the file itself for an evidence download.
      const media = path.endsWith('{sha256}') ? 'application/octet-stream' : 'application/json';
      expect({ path, schema: get.responses['200']?.content?.[media]?.schema }).toEqual({ path, schema: expect.any(Object) });
      if (path.includes('{id}')) expect({ path, documents404: '404' in get.responses }).toEqual({ path, documents404: true });
    }
  });

  it('documents the journal page, with a total that says whether it is exact', () => {
    const schema = spec.paths['/complaints'].get.responses['200']?.content?.['application/json']?.schema ?? {};
    const { properties = {}, required = [] } = spec.components.schemas[(schema.$ref ?? '').split('/').pop() as string] ?? {};
    expect(Object.keys(properties).sort()).toEqual(['items', 'page', 'pageSize', 'position', 'total', 'totalExact']);
    expect(properties.totalExact.type).toBe('boolean');
    expect(required).toEqual(expect.arrayContaining(['total', 'totalExact']));
  });

  const lifecycle: Array<[string, Record<string, string>]> = [
    ['contacts', clerk],
    ['registration', officer],
    ['awaiting-complainant', officer],
    ['complainant-information', officer],
    ['deadline-extensions', officer],
    ['reassignment', officer],
    ['investigation', officer],
    ['answer', manager],
    ['compensations', manager],
    ['follow-ups', officer],
    ['closure', officer],
    ['contacts', officer],
    ['reopening', officer],
    ['investigation-waiver', officer],
    ['answer', manager],
    ['closure', officer],
    ['follow-ups', officer],
  ];

  it.each([
    ['the documented examples', documentedExample],
    ["Swagger UI's samples built from each body schema", sampleFromSchema],
  ])('%s, sent in lifecycle order, take a new case through its whole life', async (_, bodyFor) => {
    const received = await t.http.post('/complaints').set(clerk).send(bodyFor('/complaints'));
    expect({ status: received.status, body: received.body }).toMatchObject({ status: 201 });
    const id = received.body.complaintId;
    // An evidence file, named by the documented example, sent as the first documented type (a JPEG).
    const upload = spec.paths['/complaints/{id}/evidence'].post;
    const filename = (upload.parameters?.find((p) => p.name === 'filename') as { schema?: { example?: string } } | undefined)?.schema?.example;
    const type = Object.keys(upload.requestBody?.content ?? {})[0];
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`${id} photo`)]);
    const attached = await t.http.post(`/complaints/${id}/evidence`).query({ filename }).set(clerk).set('Content-Type', type).send(photo);
    expect({ type, status: attached.status, body: attached.body }).toMatchObject({ type: 'image/jpeg', status: 201 });
    for (const [step, actor] of lifecycle) {
      const response = await t.http.post(`/complaints/${id}/${step}`).set(actor).send(bodyFor(`/complaints/{id}/${step}`));
      expect({ step, status: response.status, body: response.body }).toMatchObject({ step, status: 200 });
    }
    const other = await t.http.post('/complaints').set(clerk).send(bodyFor('/complaints')).expect(201);
    await t.http.post(`/complaints/${other.body.complaintId}/withdrawal`).set(clerk).send(bodyFor('/complaints/{id}/withdrawal')).expect(200);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.status).toBe('closed');
  });
});
