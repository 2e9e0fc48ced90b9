import { aComplaint, registerComplaint, withdrawComplaint } from './builders';
import { given, SpecificationFailure } from './decider-specification';

// The specification helper must be able to fail, or every spec written with it proves nothing.

const registered = aComplaint().received().registered();
const now = { now: new Date('2026-03-03T12:00:00.000Z') };
const withdrawal = {
  type: 'ComplaintWithdrawn' as const,
  data: { complaintId: 'complaint-0001', reason: 'The customer repaired the machine privately.', withdrawnAt: '2026-03-03T12:00:00.000Z' },
};

describe('DeciderSpecification', () => {
  it('passes when decide produces exactly the expected events', () => {
    expect(() => given(registered).when(withdrawComplaint(), now).then([withdrawal])).not.toThrow();
  });

  it('fails when an event differs in one field', () => {
    expect(() =>
      given(registered)
        .when(withdrawComplaint(), now)
        .then([{ ...withdrawal, data: { ...withdrawal.data, withdrawnAt: '2026-03-03T12:00:00.001Z' } }]),
    ).toThrow(/withdrawnAt/);
  });

  it('fails when decide produces an extra field the expectation lacks', () => {
    const { reason: _reason, ...withoutReason } = withdrawal.data;

    expect(() => given(registered).when(withdrawComplaint(), now).then([{ ...withdrawal, data: withoutReason as typeof withdrawal.data }])).toThrow();
  });

  it('fails when events were expected but decide refused, naming the refusal', () => {
    expect(() => given(registered).when(registerComplaint()).then([])).toThrow(
      new SpecificationFailure('Expected events [] but got a refusal complaint-already-registered (This complaint is already registered as 2026-000042.).'),
    );
  });

  it('fails when a refusal was expected but decide produced events', () => {
    expect(() => given(registered).when(withdrawComplaint(), now).thenFails('complaint-withdrawn')).toThrow(
      /Expected a refusal complaint-withdrawn but got events \[ComplaintWithdrawn\]/,
    );
  });

  it('fails on a different code, kind or field of the refusal', () => {
    const refused = () => given(registered.withdrawn()).when(registerComplaint());

    expect(() => refused().thenFails('complaint-withdrawn', { kind: 'rule-violated' })).not.toThrow();
    expect(() => refused().thenFails('complaint-closed')).toThrow(/complaint-closed/);
    expect(() => refused().thenFails('complaint-withdrawn', { kind: 'invalid-input' })).toThrow(/invalid-input/);
    expect(() => refused().thenFails('complaint-withdrawn', { field: 'registerNumber' })).toThrow(/registerNumber/);
  });

  it('decides against the state folded from the given history', () => {
    expect(() => given([]).when(withdrawComplaint()).thenFails('complaint-not-received')).not.toThrow();
    expect(() => given(registered.events()).when(withdrawComplaint(), now).then([withdrawal])).not.toThrow();
  });
});
