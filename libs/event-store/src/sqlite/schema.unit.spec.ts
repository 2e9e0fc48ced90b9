import { EventRow, toRecordedEvents } from './schema';

const row = (position: number, recordedAt: string): EventRow => [
  position,
  'complaint-1',
  position - 1,
  `event-${position}`,
  'Happened',
  JSON.stringify({ n: position, text: 'Grüße 😀' }),
  JSON.stringify({ by: 'test' }),
  recordedAt,
];

describe('toRecordedEvents', () => {
  it('decodes each row into the recorded event of the port', () => {
    expect(toRecordedEvents([row(7, '2026-12-07T12:00:00.000Z')])).toStrictEqual([
      {
        streamId: 'complaint-1',
        revision: 6n,
        position: 7n,
        eventId: 'event-7',
        type: 'Happened',
        data: { n: 7, text: 'Grüße 😀' },
        metadata: { by: 'test' },
        recordedAt: new Date('2026-12-07T12:00:00.000Z'),
      },
    ]);
  });

  it('gives every event the time its own row records, however the times alternate', () => {
    const times = ['2026-12-07T12:00:00.000Z', '2026-12-07T12:00:00.000Z', '2026-12-07T12:00:00.001Z', '2026-12-07T12:00:00.000Z', 'not a time'];
    const events = toRecordedEvents(times.map((time, i) => row(i + 1, time)));
    // Times, not Dates: two invalid Dates never compare equal.
    expect(events.map((e) => e.recordedAt.getTime())).toEqual(times.map((time) => new Date(time).getTime()));
  });

  it('gives each event a Date of its own, also where rows share a time', () => {
    const [first, second] = toRecordedEvents([row(1, '2026-12-07T12:00:00.000Z'), row(2, '2026-12-07T12:00:00.000Z')]);
    expect(first.recordedAt).not.toBe(second.recordedAt);
    first.recordedAt.setUTCFullYear(1999);
    expect(second.recordedAt).toStrictEqual(new Date('2026-12-07T12:00:00.000Z'));
  });
});
