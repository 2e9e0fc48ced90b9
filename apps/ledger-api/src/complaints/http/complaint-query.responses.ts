import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

// The shapes the complaint queries answer, for the OpenAPI document. The case is the domain's fold
// (libs/domain/src/complaint/state.ts); fields beyond those listed here appear as the case needs them.

const time: SchemaObject = { type: 'string', format: 'date-time' };
const actor: SchemaObject = { type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } };

export const complaintStateSchema: SchemaObject = {
  type: 'object',
  description: 'The case as folded from its events (see docs/complaint-lifecycle.md)',
  additionalProperties: true,
  properties: {
    status: { type: 'string', enum: ['received', 'registered', 'investigated', 'answered', 'followed-up', 'closed', 'reopened', 'withdrawn'] },
    complaintId: { type: 'string', format: 'uuid' },
    channel: { type: 'string' },
    complainant: { type: 'object', additionalProperties: true, description: 'Reads [erased] after an erasure' },
    subject: { type: 'object', additionalProperties: true },
    description: { type: 'string' },
    receivedAt: time,
    takenBy: { type: 'string', description: 'Who took the complaint (the principal who recorded it)' },
    registration: { type: 'object', additionalProperties: true },
    responsibleOfficer: { type: 'string' },
    answerDueAt: time,
    awaitingComplainant: {
      type: 'object',
      description: 'Present while the case waits on the complainant: the answer clock stands still (issue 14)',
      properties: { since: time, requestedBy: { type: 'string' } },
    },
    investigation: { type: 'object', additionalProperties: true },
    answer: { type: 'object', additionalProperties: true },
    compensations: { type: 'array', items: { type: 'object', additionalProperties: true } },
    followUps: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

export const complaintViewSchema: SchemaObject = {
  type: 'object',
  required: ['revision', 'complaint'],
  properties: { revision: { type: 'string', description: "The stream's revision, also the ETag", example: '3' }, complaint: complaintStateSchema },
};

export const complaintHistorySchema: SchemaObject = {
  type: 'object',
  required: ['complaintId', 'complaint', 'events'],
  properties: {
    complaintId: { type: 'string', format: 'uuid' },
    asOf: time,
    complaint: complaintStateSchema,
    events: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          revision: { type: 'string' },
          position: { type: 'string' },
          type: { type: 'string', example: 'ComplaintAnswered' },
          data: { type: 'object', additionalProperties: true },
          actor,
          occurredAt: time,
          recordedAt: time,
        },
      },
    },
  },
};

const periodSchema: SchemaObject = {
  type: 'object',
  properties: { count: { type: 'integer' }, unit: { type: 'string', enum: ['working-days', 'calendar-days', 'months'] } },
};

/** A versioned catalogue (categories, root causes): its entries, each an identifier and a label. */
const catalogueSchema = (description: string, entries: string, key: string) => ({
  type: 'object',
  description,
  properties: {
    version: { type: 'string' },
    [entries]: { type: 'array', items: { type: 'object', properties: { [key]: { type: 'string' }, label: { type: 'string' } } } },
  },
});

export const policiesSchema: SchemaObject = {
  type: 'object',
  required: ['deadlinePolicy', 'categories', 'rootCauses'],
  properties: {
    deadlinePolicy: {
      type: 'object',
      properties: {
        version: { type: 'string' },
        answerDays: { type: 'integer' },
        answerDayKind: { type: 'string', enum: ['calendar', 'working', 'months'] },
        followUpDays: { type: 'integer' },
        holidays: { type: 'array', items: { type: 'string', format: 'date' } },
        acknowledgementDays: { type: 'integer', description: 'Working days from receipt to the acknowledgement to the complainant' },
        statutoryLimitDays: { type: 'integer', description: 'No answer deadline, however extended, passes this many calendar days from receipt (or reopening)' },
        timeZone: { type: 'string', description: 'IANA time zone whose days the deadlines, date filters and reports count (absent: UTC)' },
        workingDays: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, description: 'ISO weekdays that are working days (absent: Monday to Friday)' },
        answerPeriodsByCategory: { type: 'object', additionalProperties: periodSchema, description: 'Answer periods in place of the general one, by category' },
        answerPeriodsBySeverity: { type: 'object', additionalProperties: periodSchema, description: 'Answer periods in place of the general one, by severity; with a category period, the one ending first' },
      },
    },
    categories: catalogueSchema('The category keys a registration may name', 'categories', 'key'),
    rootCauses: catalogueSchema('The root-cause codes an investigation may name (ROOT_CAUSES_FILE, or root-causes.json under DATA_DIR)', 'rootCauses', 'code'),
  },
};
