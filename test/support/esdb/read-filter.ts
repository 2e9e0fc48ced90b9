import { RecordedEvent } from '@app/event-store';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';

/** A server-side `$all` filter, as EventStoreDB applies it: on the stream name or the event type, by regex or prefixes. */
export type EventPredicate = (event: RecordedEvent) => boolean;

export const predicateOf = (options: ReadReq.Options): EventPredicate => {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const subject = (event: RecordedEvent) => (onStream ? event.streamId : event.type);
  const prefixes = expression.getPrefixList();
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => subject(event).startsWith(prefix));
  const regex = new RegExp(expression.getRegex());
  return (event) => regex.test(subject(event));
};
