import { COMPLAINT_EVENT_SCHEMA_VERSIONS, COMPLAINT_STREAM_PREFIX, ComplaintEvent, ComplaintEventType, isComplaintEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';

// What every complaint read model shares: which recorded events are complaint events, which
// document (one per complaint) an event touches. Replays are skipped by the runner (apply-events.ts).

export const COMPLAINT_EVENT_TYPES: readonly ComplaintEventType[] = Object.keys(COMPLAINT_EVENT_SCHEMA_VERSIONS) as ComplaintEventType[];

const isOfComplaintStream = (event: RecordedEvent): boolean => event.streamId.startsWith(COMPLAINT_STREAM_PREFIX) && isComplaintEvent(event);

/** The domain event a recorded event carries, if it is an event of a complaint stream. */
export const complaintEventOf = (event: RecordedEvent): ComplaintEvent | undefined =>
  isOfComplaintStream(event) ? ({ type: event.type, data: event.data } as ComplaintEvent) : undefined;

/** A complaint is one stream, so its document's id is the complaint id the stream is named after. */
export const complaintDocumentIds = (event: RecordedEvent): string[] =>
  isOfComplaintStream(event) ? [event.streamId.slice(COMPLAINT_STREAM_PREFIX.length)] : [];

/** When the ledger recorded the event: the metadata's `recordedAt`, which the hash chain covers. */
export const recordedAtOf = (event: RecordedEvent): string => {
  const recordedAt = event.metadata.recordedAt;
  return typeof recordedAt === 'string' ? recordedAt : event.recordedAt.toISOString();
};

/** Compares instants, not text: ISO-8601 may also be written without milliseconds or with an offset. */
export const isNotLaterThan = (instant: string, deadline: string): boolean => Date.parse(instant) <= Date.parse(deadline);
