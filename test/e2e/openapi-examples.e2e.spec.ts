import { clerk, manager, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; required?: string[]; example?: unknown; items?: Schema; type?: string; enum?: unknown[] };
type Spec = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ name: string; in: string; required?: boolean }>; security?: unknown }>>; components: { schemas: Record<string, Schema> } };

/** Builds a request body from the examples the OpenAPI document gives for each property. */
const exampleOf = (spec: Spec, schema: Schema): unknown => {
  if (schema.$ref) return exampleOf(spec, spec.components.schemas[schema.$ref.split('/').pop() as string]);
  if (schema.allOf?.length === 1) return exampleOf(spec, schema.allOf[0]);
  if (schema.example !== undefined) return schema.example;
  if (!schema.properties) throw new Error(`no example for ${JSON.stringify(schema)}`);
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = property.$ref || property.allOf || property.properties ? exampleOf(spec, property) : property.example;
    if (value !== undefined) body[name] = value;
    else if (schema.required?.includes(name)) throw new Error(`required property ${name} has no example`);
  }
  return body;
};

describe('the OpenAPI document', () => {
  let t: TestApp;
  let spec: Spec;

  beforeAll(async () => {
    t = await startTestApp();
    spec = (await t.http.get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const bodyFor = (path: string): object => {
    const schema = spec.paths[path].post.requestBody?.content['application/json'].schema;
    return schema ? (exampleOf(spec, schema) as object) : {};
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

  it('gives examples that, sent in lifecycle order, take a new case through its whole life', async () => {
    const received = await t.http.post('/complaints').set(clerk).send(bodyFor('/complaints')).expect(201);
    const id = received.body.complaintId;
    const steps: Array<[string, Record<string, string>]> = [
      ['registration', officer],
      ['deadline-extensions', officer],
      ['reassignment', officer],
      ['investigation', officer],
      ['answer', manager],
      ['compensations', manager],
      ['follow-ups', officer],
      ['closure', officer],
      ['reopening', officer],
      ['investigation-waiver', officer],
      ['answer', manager],
      ['closure', officer],
    ];
    for (const [step, actor] of steps) {
      const response = await t.http.post(`/complaints/${id}/${step}`).set(actor).send(bodyFor(`/complaints/{id}/${step}`));
      expect({ step, status: response.status, body: response.body }).toMatchObject({ step, status: 200 });
    }
    const other = await t.http.post('/complaints').set(clerk).send(bodyFor('/complaints')).expect(201);
    await t.http.post(`/complaints/${other.body.complaintId}/withdrawal`).set(clerk).send(bodyFor('/complaints/{id}/withdrawal')).expect(200);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.status).toBe('closed');
  });
});
