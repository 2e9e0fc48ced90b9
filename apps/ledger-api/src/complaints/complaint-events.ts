import { ComplaintEvent, foldComplaint, isComplaintEvent } from '@app/domain';
import { EventMetadata, RecordedEvent } from '@app/event-store';

/** The domain events of a complaint stream (schema version 1 is the only one so far: no upcasting yet). */
export const toComplaintEvents = (events: readonly RecordedEvent[]): ComplaintEvent[] =>
  events.filter(isComplaintEvent).map((event) => ({ type: event.type, data: event.data }) as ComplaintEvent);

export const foldRecorded = (events: readonly RecordedEvent[]) => foldComplaint(toComplaintEvents(events));

export const metadataOf = (event: RecordedEvent): EventMetadata => event.metadata as unknown as EventMetadata;
