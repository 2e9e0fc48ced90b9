import { aComplaint, given, investigateComplaint } from '../testing';
import { FactSource } from '../shared/vocabulary';
import { evolve } from './evolve';
import { initialState } from './state';
import { ERASED } from './personal-data';

// Issue 14, investigation: where the facts came from (seeds 000 and 001), a root-cause code from the deployment's
// taxonomy beside the free text (so recurring causes count together), and the product or lot concerned.

const at = (iso: string) => ({ now: new Date(iso) });
const registered = aComplaint().received().registered();

/** Seed 001: the customer, the clerk who took the complaint and the seller concerned were each heard. */
const sources: FactSource[] = [
  { kind: 'complainant', statement: 'The seller refused to take the kettle back.', obtainedAt: '2026-03-02T09:15:00.000Z' },
  { kind: 'intake-employee', reference: 'clerk-ivanova', statement: 'The customer showed the receipt.', obtainedAt: '2026-03-03T10:00:00.000Z' },
  { kind: 'employee-concerned', reference: 'seller-petrov', statement: 'I was told returns need a manager.', obtainedAt: '2026-03-03T11:00:00.000Z' },
  { kind: 'process', reference: 'returns-procedure', statement: 'The procedure does not say who accepts returns.', obtainedAt: '2026-03-03T12:00:00.000Z' },
];

describe('InvestigateComplaint: sources of the facts, the root-cause code, the product', () => {
  it('records the sources, the code with its taxonomy version, and the product and lot', () => {
    const command = investigateComplaint({ sources, rootCauseCode: 'process-gap', productReference: 'KTL-200', lotNumber: 'L-2026-07' });
    given(registered)
      .when(command, at('2026-03-04T11:00:00.000Z'))
      .then([
        {
          type: 'ComplaintInvestigated',
          data: { ...command.data, rootCauseTaxonomyVersion: 'default-1', investigatedAt: '2026-03-04T11:00:00.000Z' },
        },
      ]);
  });

  it('records the code against the deployment’s own taxonomy', () => {
    const rootCauses = { version: 'shop-3', rootCauses: [{ code: 'late-courier', label: 'The courier was late' }] };
    const command = investigateComplaint({ rootCauseCode: 'late-courier' });
    given(registered)
      .when(command, { ...at('2026-03-04T11:00:00.000Z'), rootCauses })
      .then([{ type: 'ComplaintInvestigated', data: { ...command.data, rootCauseTaxonomyVersion: 'shop-3', investigatedAt: '2026-03-04T11:00:00.000Z' } }]);
  });

  it('refuses a code that is not in the taxonomy, naming the field', () => {
    given(registered).when(investigateComplaint({ rootCauseCode: 'bad-luck' })).thenFails('unknown-root-cause', { kind: 'invalid-input', field: 'rootCauseCode' });
  });

  it('without a code, records no taxonomy version (an investigation as before)', () => {
    given(registered)
      .when(investigateComplaint(), at('2026-03-04T11:00:00.000Z'))
      .then([{ type: 'ComplaintInvestigated', data: { ...investigateComplaint().data, investigatedAt: '2026-03-04T11:00:00.000Z' } }]);
  });

  it.each([
    ['an unknown kind', { ...sources[0], kind: 'rumour' as FactSource['kind'] }, 'unknown-source-kind', 'sources.1.kind'],
    ['an empty statement', { ...sources[0], statement: '  ' }, 'statement-required', 'sources.1.statement'],
    ['a time in the future', { ...sources[0], obtainedAt: '2026-03-05T00:00:00.000Z' }, 'time-in-future', 'sources.1.obtainedAt'],
    ['a time that is no time', { ...sources[0], obtainedAt: 'yesterday' }, 'invalid-time', 'sources.1.obtainedAt'],
  ])('refuses a source with %s, naming it', (_what, bad, code, field) => {
    given(registered)
      .when(investigateComplaint({ sources: [sources[0], bad] }), at('2026-03-04T11:00:00.000Z'))
      .thenFails(code, { kind: 'invalid-input', field });
  });

  it('keeps the sources in the case, and an erasure makes their statements unreadable but keeps who and when', () => {
    const history = registered.investigated({ sources, rootCauseCode: 'process-gap' }).events();
    const state = history.reduce(evolve, initialState());
    expect(state.status === 'investigated' && state.investigation).toMatchObject({ sources, rootCauseCode: 'process-gap' });
    const erased = evolve(state, { type: 'PersonalDataErased', data: { complaintId: 'complaint-0001', erasedAt: '2026-04-01T00:00:00Z', reason: 'GDPR art. 17' } });
    const kept = erased.status === 'investigated' && erased.investigation?.outcome === 'investigated' ? erased.investigation.sources : undefined;
    expect(kept).toEqual(sources.map((source) => ({ ...source, statement: ERASED })));
  });

  it('reads an investigation of schema version 1 (no sources, no code) as before', () => {
    const v1 = registered.investigated().events();
    const state = v1.reduce(evolve, initialState());
    expect(state.status === 'investigated' && state.investigation).toMatchObject({ outcome: 'investigated', rootCause: 'Defective bearings in supplier batch B-17' });
  });
});
