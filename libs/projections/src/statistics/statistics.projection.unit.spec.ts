import { COMPLAINT_EVENT_SCHEMA_VERSIONS, ComplaintReceived, ComplaintResolvedAtFirstContact } from '@app/domain';
import { aComplaint, ComplaintHistoryBuilder } from '@app/domain/testing';
import { positionKey } from '../projection';
import { ComplaintFacts } from '../read-models';
import { documentAfter, project, recorded } from '../read-models/testing/recorded';
import { aFact } from './a-fact';
import { factsFromStream, statisticsProjection as statistics } from './statistics.projection';

const factsAfter = (history: ComplaintHistoryBuilder): ComplaintFacts | null => documentAfter(statistics, history.events());

const received = aComplaint().received();
const registered = received.registered();
const investigated = registered.investigated();
const answered = investigated.answered();

describe('the statistics facts', () => {
  it('of a received complaint: uncategorised, nothing measured yet', () => {
    expect(factsAfter(received)).toStrictEqual(
      aFact('complaint-0001', '2026-03-02T09:15:00.000Z', {
        _position: positionKey(1_000n),
        product: 'Washing machine WM-300',
        acknowledgementDueAt: (received.events()[0] as ComplaintReceived).data.acknowledgementDueAt ?? null,
      }),
    );
  });

  it('of a registration: the category and the hours to register, in decimal hours to two places', () => {
    // 09:15 → 14:00 is 4 h 45 min.
    expect(factsAfter(registered)).toMatchObject({
      category: 'product-quality',
      registeredAt: '2026-03-02T14:00:00.000Z',
      hoursToRegister: 4.75,
      answerDueAt: '2026-03-12T23:59:59.999Z',
    });
    // 09:15:00 → 09:35:20 is 0.3389 h.
    expect(factsAfter(received.registered({ registeredAt: '2026-03-02T09:35:20.000Z' }))).toMatchObject({ hoursToRegister: 0.34 });
  });

  it('of an investigation: verdict, root cause and responsible party; a waiver records none', () => {
    expect(factsAfter(investigated)).toMatchObject({ verdict: 'founded', rootCause: 'Defective bearings in supplier batch B-17', responsibleParty: 'supplier' });
    expect(factsAfter(registered.investigationWaived())).toMatchObject({ verdict: null, rootCause: null, responsibleParty: null });
  });

  it('of the answer: hours to answer and whether it kept the deadline then in force', () => {
    // 2 March 09:15 → 6 March 15:00 is 4 days 5 h 45 min.
    expect(factsAfter(answered)).toMatchObject({ answeredAt: '2026-03-06T15:00:00.000Z', hoursToAnswer: 101.75, answeredOnTime: true });
    expect(factsAfter(investigated.answered({ answeredAt: '2026-03-12T23:59:59.999Z' }))).toMatchObject({ answeredOnTime: true });
    expect(factsAfter(investigated.answered({ answeredAt: '2026-03-13T00:00:00.000Z' }))).toMatchObject({ answeredOnTime: false });
  });

  it('of an extension: the answer is measured against the moved deadline', () => {
    const extended = registered.deadlineExtended().investigated().answered({ answeredAt: '2026-03-16T10:00:00.000Z' });
    expect(factsAfter(extended)).toMatchObject({ answerDueAt: '2026-03-20T23:59:59.999Z', answeredOnTime: true });
  });

  it('of an extension: the first promise stays, and the answer after it is a promise not kept (issue 14)', () => {
    const extended = registered.deadlineExtended().investigated().answered({ answeredAt: '2026-03-16T10:00:00.000Z' });
    expect(factsAfter(extended)).toMatchObject({ firstAnswerDueAt: '2026-03-12T23:59:59.999Z', firstPromiseKept: false, answeredOnTime: true });
    expect(factsAfter(answered)).toMatchObject({ firstAnswerDueAt: '2026-03-12T23:59:59.999Z', firstPromiseKept: true });
  });

  it('of a complaint resolved at first contact: counted as such until it is reopened', () => {
    const resolved = aComplaint().received({ resolvedOnTheSpot: true }).registered().resolvedAtFirstContact();
    expect(factsAfter(resolved)).toMatchObject({ resolvedAtFirstContact: true, answeredAt: null, answeredOnTime: null });
    expect(factsAfter(resolved.reopened())).toMatchObject({ resolvedAtFirstContact: false });
  });

  it('of compensations: every item with its kind, currency and amount', () => {
    const compensated = answered.compensated().compensated({ kind: 'apology', amount: undefined, description: 'Apology' });
    expect(factsAfter(compensated)?.compensations).toStrictEqual([
      { kind: 'refund', currency: 'EUR', amountMinor: 4_999 },
      { kind: 'apology', currency: null, amountMinor: null },
    ]);
  });

  it('of follow-ups: what the customer said at the latest contact', () => {
    expect(factsAfter(answered.followedUp())).toMatchObject({ followedUpAt: '2026-04-06T10:00:00.000Z', satisfaction: 4, problemSolved: true });
    const twice = answered
      .followedUp({ contactedAt: '2026-04-10T10:00:00.000Z', satisfaction: 2, problemSolved: false })
      .followedUp({ contactedAt: '2026-04-01T10:00:00.000Z', satisfaction: 5, problemSolved: true });
    expect(factsAfter(twice)).toMatchObject({ followedUpAt: '2026-04-10T10:00:00.000Z', satisfaction: 2, problemSolved: false });
    const thenBetter = answered.followedUp({ satisfaction: 2, problemSolved: false }).followedUp({ contactedAt: '2026-04-20T10:00:00.000Z', satisfaction: 5 });
    expect(factsAfter(thenBetter)).toMatchObject({ satisfaction: 5, problemSolved: true });
  });

  it('of a reassignment and a closure: the officer now responsible, when it closed and how long after receipt (issue 14)', () => {
    const before = factsAfter(answered.followedUp()) as ComplaintFacts;
    expect(before).toMatchObject({ responsibleOfficer: 'officer-georgieva', closedAt: null, hoursToClose: null });
    const reassigned = factsAfter(answered.followedUp().reassigned({ to: 'officer-ivanov' })) as ComplaintFacts;
    expect(reassigned).toStrictEqual({ ...before, responsibleOfficer: 'officer-ivanov', _position: reassigned._position });
    const closedAt = '2026-04-10T09:15:00.000Z';
    const closed = factsAfter(answered.followedUp().closed({ closedAt })) as ComplaintFacts;
    // 2 March 09:15 → 10 April 09:15: 39 days.
    expect(closed).toStrictEqual({ ...before, closedAt, hoursToClose: 39 * 24, _position: closed._position });
    expect(factsAfter(answered.followedUp().closed({ closedAt }).reopened())).toMatchObject({ closedAt: null, hoursToClose: null });
  });

  it('of a withdrawal: nothing changes, and it is not closed', () => {
    expect(factsAfter(received.withdrawn())).toMatchObject({ category: 'uncategorised', registeredAt: null, answeredAt: null, closedAt: null });
  });

  it('of a case resolved at first contact: closed when registered', () => {
    const resolved = received.registered().resolvedAtFirstContact();
    const closedAt = (resolved.events().at(-1) as ComplaintResolvedAtFirstContact).data.closedAt;
    expect(factsAfter(resolved)).toMatchObject({ resolvedAtFirstContact: true, closedAt, hoursToClose: 4.75 });
  });

  it('of acknowledgements: the earliest counts, judged against the acknowledgement deadline', () => {
    const dueAt = (received.events()[0] as ComplaintReceived).data.acknowledgementDueAt as string;
    const late = new Date(Date.parse(dueAt) + 3_600_000).toISOString();
    expect(factsAfter(received.acknowledged({ contactedAt: late }))).toMatchObject({ acknowledgementDueAt: dueAt, acknowledgedAt: late, acknowledgedOnTime: false });
    expect(factsAfter(received.acknowledged({ contactedAt: late }).acknowledged({ contactedAt: '2026-03-02T10:00:00.000Z' }))).toMatchObject({
      acknowledgedAt: '2026-03-02T10:00:00.000Z',
      acknowledgedOnTime: true,
    });
  });

  it('of an investigation with a root-cause code, and one without: the latest proper investigation’s code', () => {
    expect(factsAfter(registered.investigated({ rootCauseCode: 'supplier-defect' }))).toMatchObject({ rootCauseCode: 'supplier-defect' });
    expect(factsAfter(registered.investigated())).toMatchObject({ rootCauseCode: null });
  });

  describe('of a reopened complaint', () => {
    const reopened = answered.compensated().followedUp().closed().reopened();

    it('keep the first answer and its deadline, and the earlier investigation until a new one', () => {
      expect(factsAfter(reopened)).toMatchObject({
        answeredAt: '2026-03-06T15:00:00.000Z',
        hoursToAnswer: 101.75,
        answerDueAt: '2026-03-12T23:59:59.999Z',
        answeredOnTime: true,
        verdict: 'founded',
        satisfaction: 4,
        compensations: [{ kind: 'refund', currency: 'EUR', amountMinor: 4_999 }],
      });
    });

    it('take the verdict of the new investigation, but not of a waiver, and never the second answer', () => {
      const again = reopened.investigated({ verdict: 'unfounded', rootCause: 'Misuse', responsibleParty: 'customer', investigatedAt: '2026-04-22T10:00:00.000Z' });
      const answeredLate = again.answered({ answeredAt: '2026-05-20T10:00:00.000Z' });
      expect(factsAfter(answeredLate)).toMatchObject({
        verdict: 'unfounded',
        rootCause: 'Misuse',
        responsibleParty: 'customer',
        answeredAt: '2026-03-06T15:00:00.000Z',
        answeredOnTime: true,
      });
      const waived = answeredLate
        .closed({ closedAt: '2026-05-21T10:00:00.000Z' })
        .reopened({ reopenedAt: '2026-05-22T10:00:00.000Z' })
        .investigationWaived({ decidedAt: '2026-05-23T10:00:00.000Z' });
      expect(factsAfter(waived)).toMatchObject({ verdict: 'unfounded', rootCause: 'Misuse' });
    });
  });

  it('of a late first answer stay late when the reopened case is answered in time', () => {
    const late = investigated
      .answered({ answeredAt: '2026-03-14T10:00:00.000Z' })
      .closed({ closedAt: '2026-03-15T10:00:00.000Z' })
      .reopened({ reopenedAt: '2026-03-16T10:00:00.000Z' });
    const answeredInTime = late.investigationWaived({ decidedAt: '2026-03-17T10:00:00.000Z' }).answered({ answeredAt: '2026-03-18T10:00:00.000Z' });
    expect(factsAfter(answeredInTime)).toMatchObject({ answeredAt: '2026-03-14T10:00:00.000Z', answerDueAt: '2026-03-12T23:59:59.999Z', answeredOnTime: false });
  });

  it('from a stream read from the store, as the CLI reads it', () => {
    const stream = recorded(answered.compensated().events());
    expect(factsFromStream(stream)).toStrictEqual(project(statistics, stream).get('complaint-0001'));
    expect(factsFromStream([])).toBeNull();
  });

  it('are idempotent: an event delivered twice is applied once', () => {
    const events = recorded(answered.compensated().compensated().followedUp().closed().reopened().events());
    const facts = project(statistics, events.flatMap((event) => [event, event])).get('complaint-0001');
    expect(facts).toStrictEqual(project(statistics, events).get('complaint-0001'));
    expect(facts?.compensations).toHaveLength(2);
  });

  it('are indexed by receipt, by category and receipt, and by closing (reports of what a period closed)', () => {
    expect(statistics.indexes).toStrictEqual([{ keys: { receivedAt: 1 } }, { keys: { category: 1, receivedAt: 1 } }, { keys: { closedAt: 1 } }]);
    expect(statistics.eventTypes).toHaveLength(Object.keys(COMPLAINT_EVENT_SCHEMA_VERSIONS).length);
  });
});
