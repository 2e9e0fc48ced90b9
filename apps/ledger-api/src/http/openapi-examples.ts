import { answerDeadline, DeadlinePolicy, statutoryAnswerLimit } from '@app/domain';
import type { OpenAPIObject } from '@nestjs/swagger';

// Swagger UI fills "Try it out" from the request body's example, or builds one from each property's
// example. Both must be accepted as sent, so every documented field has an example, and the times are
// computed from the moment the document is served: a fixed date would drift out of the rules
// (received not in the future, promised answer not in the past and within the policy).

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  example?: unknown;
  type?: string;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The time examples, per body schema and property, for a document served at `now`. */
export const timeExamples = (now: Date, policy: DeadlinePolicy): Record<string, Record<string, string>> => {
  const receivedAt = new Date(now.getTime() - 60 * MINUTE);
  // The registration example's category and severity: a deployment may give them a shorter period of their own.
  const policyDeadline = Date.parse(answerDeadline(policy, receivedAt.toISOString(), { category: 'product-quality', severity: 'medium' }).dueAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ReceiveComplaintDto: { receivedAt: iso(receivedAt.getTime()) },
    RegisterComplaintDto: { promisedAnswerBy: iso(Math.min(now.getTime() + 2 * DAY, policyDeadline)) },
    ExtendAnswerDeadlineDto: {
      // The statutory limit itself: later than the date the registration example promises, and never beyond the limit.
      answerDueAt: statutoryAnswerLimit(policy, receivedAt.toISOString()).dueAt,
      customerInformedAt: iso(now.getTime()),
    },
    // A statement heard after the receipt example, and not in the future.
    FactSourceDto: { obtainedAt: iso(now.getTime()) },
    // After the receipt example, and not in the future.
    RecordContactDto: { contactedAt: iso(now.getTime()) },
    // After an answer given soon after the page was loaded, and not in the future when sent (5 minutes' skew).
    RecordFollowUpDto: { contactedAt: iso(now.getTime() + 4 * MINUTE) },
  };
};

/** A body built from the examples of a schema's properties, every property included (as Swagger UI does). */
export const exampleFromProperties = (schemas: Record<string, Schema>, schema: Schema, path = ''): unknown => {
  if (schema.$ref) return exampleFromProperties(schemas, schemas[schema.$ref.split('/').pop() as string], path);
  if (schema.allOf?.length === 1) return exampleFromProperties(schemas, schema.allOf[0], path);
  if (schema.example !== undefined) return schema.example;
  if (schema.type === 'array' && schema.items) return [exampleFromProperties(schemas, schema.items, `${path}[]`)];
  if (!schema.properties) throw new Error(`The OpenAPI document gives no example for ${path || 'a body'}.`);
  return Object.fromEntries(
    Object.entries(schema.properties).map(([name, property]) => [name, exampleFromProperties(schemas, property, path ? `${path}.${name}` : name)]),
  );
};

/**
 * The document as served at `now`: the time examples set, and each command's request body given a
 * complete example at the request-body level. Throws when a documented field has no example, so a
 * new field without one fails at start, not in a user's browser.
 */
export const withCurrentExamples = (document: OpenAPIObject, now: Date, policy: DeadlinePolicy): OpenAPIObject => {
  const patched = structuredClone(document);
  const schemas = (patched.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [schemaName, examples] of Object.entries(timeExamples(now, policy)))
    for (const [property, example] of Object.entries(examples)) {
      const target = schemas[schemaName]?.properties?.[property];
      if (!target) throw new Error(`The OpenAPI document has no ${schemaName}.${property} to give an example.`);
      target.example = example;
    }
  for (const [path, operations] of Object.entries(patched.paths))
    for (const operation of Object.values(operations) as Array<{ requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> } }>) {
      const media = operation?.requestBody?.content?.['application/json'];
      if (media?.schema) {
        try {
          media.example = exampleFromProperties(schemas, media.schema);
        } catch (error) {
          throw new Error(`POST ${path}: ${(error as Error).message}`, { cause: error });
        }
      }
    }
  return patched;
};
