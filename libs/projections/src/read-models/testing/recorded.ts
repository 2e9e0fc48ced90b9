import { COMPLAINT_EVENT_SCHEMA_VERSIONS, ComplaintEvent, complaintStreamId } from '@app/domain';
import { chainEvents, RecordedEvent, StreamTail } from '@app/event-store';
import { Document } from '@app/read-store';
import { ProjectionDefinition } from '../../projection';
import { applyEvents, DocumentCache } from '../../runner/apply-events';

// Test support: domain events as the event store records them (revisions, sparse `$all` positions,
// hash-chained metadata with recordedAt), and a runner in miniature that applies them to a projection.

export interface RecordingOptions {
  /** The `$all` position of the first event; positions are sparse, as EventStoreDB's are. */
  firstPosition?: bigint;
  positionStep?: bigint;
  /** When the ledger recorded each event; by default its business time, never earlier than the event before. */
  recordedAt?: readonly string[];
}

/** Which field of each event states its business time. */
const BUSINESS_TIME: { [E in ComplaintEvent as E['type']]: keyof E['data'] & string } = {
  ComplaintReceived: 'receivedAt',
  ComplaintRegistered: 'registeredAt',
  ComplaintInvestigated: 'investigatedAt',
  InvestigationWaived: 'decidedAt',
  ComplaintAnswered: 'answeredAt',
  ComplaintCompensated: 'grantedAt',
  FollowUpRecorded: 'contactedAt',
  ComplainantContacted: 'contactedAt',
  ComplaintReassigned: 'reassignedAt',
  AnswerDeadlineExtended: 'customerInformedAt',
  AwaitingComplainant: 'awaitingSince',
  ComplainantInformationReceived: 'receivedAt',
  ComplaintClosed: 'closedAt',
  ComplaintResolvedAtFirstContact: 'closedAt',
  ComplaintReopened: 'reopenedAt',
  ComplaintWithdrawn: 'withdrawnAt',
  PersonalDataErased: 'erasedAt',
  EvidenceAttached: 'attachedAt',
};

/** The business time an event states: when it happened in the world. */
export const businessTimeOf = (event: ComplaintEvent): string => (event.data as unknown as Record<string, string>)[BUSINESS_TIME[event.type]];

/** One complaint's events as recorded in its stream `complaint-<id>`, revisions from 0. */
export const recorded = (events: readonly ComplaintEvent[], options: RecordingOptions = {}): RecordedEvent[] => {
  if (events.length === 0) return [];
  const streamId = complaintStreamId(events[0].data.complaintId);
  const firstPosition = options.firstPosition ?? 1_000n;
  const step = options.positionStep ?? 7n;
  let tail: StreamTail;
  let previous = '';
  return events.map((event, index) => {
    const stated = options.recordedAt?.[index] ?? businessTimeOf(event);
    const recordedAt = stated < previous ? previous : stated;
    previous = recordedAt;
    const [data] = chainEvents(streamId, tail, [{ ...event, schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type] }], {
      commandId: `command-${streamId}-${index}`,
      correlationId: `correlation-${streamId}`,
      causationId: `command-${streamId}-${index}`,
      actor: { id: 'officer-georgieva', role: 'quality-officer' },
      occurredAt: businessTimeOf(event),
      recordedAt,
    });
    const revision = BigInt(index);
    tail = { revision, hash: String(data.metadata.hash) };
    return {
      streamId,
      revision,
      position: firstPosition + BigInt(index) * step,
      eventId: data.eventId,
      type: data.type,
      data: data.data,
      metadata: data.metadata,
      recordedAt: new Date(recordedAt),
    };
  });
};

/**
 * Several streams as `$all` delivers them: ordered by when they were recorded (each stream keeps
 * its order), with fresh, increasing, sparse positions.
 */
export const inAllOrder = (streams: readonly RecordedEvent[][], firstPosition = 1_000n, step = 13n): RecordedEvent[] =>
  streams
    .flatMap((stream, streamIndex) => stream.map((event) => ({ event, streamIndex })))
    .sort(
      (a, b) =>
        compare(String(a.event.metadata.recordedAt), String(b.event.metadata.recordedAt)) ||
        a.streamIndex - b.streamIndex ||
        Number(a.event.revision - b.event.revision),
    )
    .map(({ event }, index) => ({ ...event, position: firstPosition + BigInt(index) * step }));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The runner in miniature, on the runner's own code (applyEvents): every event this projection reads to
 * the documents it names, which skip events they hold already; then store or delete them.
 */
export const project = <D extends Document>(
  projection: ProjectionDefinition<D>,
  events: Iterable<RecordedEvent>,
  documents: Map<string, D> = new Map(),
): Map<string, D> => {
  const read = [...events].filter((event) => projection.eventTypes.includes(event.type));
  const cache: DocumentCache = new Map(documents);
  const touched = new Set<string>();
  const { failure } = applyEvents(projection as ProjectionDefinition, read, cache, touched);
  if (failure) throw failure.error;
  for (const id of touched) {
    const document = cache.get(id) as D | null;
    if (document) documents.set(id, document);
    else documents.delete(id);
  }
  return documents;
};

/** The document one complaint's history leaves behind. */
export const documentAfter = <D extends Document>(projection: ProjectionDefinition<D>, events: readonly ComplaintEvent[]): D | null => {
  const documents = project(projection, recorded(events));
  return documents.values().next().value ?? null;
};
