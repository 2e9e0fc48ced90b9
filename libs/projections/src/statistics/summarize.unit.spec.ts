import { ComplaintFacts, StatisticsRow } from '../read-models';
import { aFact } from './a-fact';
import { percentile, summarizeStatistics } from './summarize';


/** Registered `hours` after receipt (the date itself does not matter to the report). */
const registered = (category: string, hours: number) => ({ category, registeredAt: '2026-01-01T00:00:00.000Z', hoursToRegister: hours });
const answered = (hours: number, onTime: boolean, firstPromiseKept = onTime) => ({
  answeredAt: '2026-01-02T00:00:00.000Z',
  hoursToAnswer: hours,
  answeredOnTime: onTime,
  firstPromiseKept,
});
const followedUp = (satisfaction: number, problemSolved: boolean) => ({ followedUpAt: '2026-02-01T00:00:00.000Z', satisfaction, problemSolved });

// A small register: March and April 2026, by hand.
const REGISTER: ComplaintFacts[] = [
  aFact('d1', '2026-03-01T10:00:00.000Z', {
    ...registered('delivery', 2),
    ...answered(50, true),
    verdict: 'founded',
    rootCause: 'Courier late',
    responsibleParty: 'external',
    compensations: [
      { kind: 'refund', currency: 'EUR', amountMinor: 1_000 },
      { kind: 'apology', currency: null, amountMinor: null },
    ],
    ...followedUp(4, true),
  }),
  aFact('d2', '2026-03-15T08:00:00.000Z', {
    ...registered('delivery', 10),
    ...answered(300, false),
    verdict: 'partly-founded',
    rootCause: 'Courier late',
    responsibleParty: 'external',
    compensations: [
      { kind: 'voucher', currency: 'BGN', amountMinor: 2_000 },
      { kind: 'refund', currency: 'EUR', amountMinor: 500 },
    ],
    ...followedUp(2, false),
  }),
  aFact('d3', '2026-03-31T23:30:00.000Z', {
    ...registered('delivery', 30),
    verdict: 'unfounded',
    rootCause: 'Address unreadable',
    responsibleParty: 'customer',
  }),
  aFact('u1', '2026-03-20T12:00:00.000Z'), // withdrawn before registration
  aFact('p1', '2026-03-05T09:00:00.000Z', {
    ...registered('product-quality', 1),
    ...answered(20, true),
    verdict: 'unfounded',
    rootCause: 'Misuse',
    responsibleParty: 'customer',
    compensations: [{ kind: 'apology', currency: null, amountMinor: null }],
    ...followedUp(5, true),
  }),
  aFact('d4', '2026-04-01T00:00:00.000Z', {
    ...registered('delivery', 4),
    ...answered(100, true),
    verdict: 'founded',
    rootCause: 'Wrong address',
    responsibleParty: 'process',
    ...followedUp(3, true),
  }),
];

const rowsOf = (rows: StatisticsRow[]) => rows.map((row) => `${row.period} ${row.category} ${row.received}`);

describe('summarizeStatistics', () => {
  it('gives one row per month of receipt and category, sorted by period then category', () => {
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'month' }))).toStrictEqual([
      '2026-03 delivery 3',
      '2026-03 product-quality 1',
      '2026-03 uncategorised 1',
      '2026-04 delivery 1',
    ]);
  });

  it('computes the figures of a group', () => {
    const [marchDeliveries] = summarizeStatistics(REGISTER, { groupBy: 'month' });
    expect(marchDeliveries).toStrictEqual<StatisticsRow>({
      period: '2026-03',
      category: 'delivery',
      breakdown: { by: 'category', value: 'delivery' },
      received: 3,
      registered: 3,
      answered: 2,
      answeredOnTime: 1,
      firstPromiseKept: 1,
      resolvedAtFirstContact: 0,
      firstContactResolutionRate: 0,
      // Nearest rank: of [2, 10, 30] the median is rank 2, p90 rank 3; of [50, 300] the median is rank 1, p90 rank 2.
      hoursToRegister: { median: 10, p90: 30 },
      hoursToAnswer: { median: 50, p90: 300 },
      closed: 0,
      hoursToClose: { median: null, p90: null },
      acknowledgedOnTime: 0,
      acknowledgedLate: 0,
      acknowledgementOnTimeRate: null,
      firstPromiseKeptRate: 0.5,
      verdicts: { founded: 1, partlyFounded: 1, unfounded: 1 },
      compensation: [
        { currency: 'BGN', kind: 'voucher', count: 1, amountMinor: 2_000 },
        { currency: 'EUR', kind: 'refund', count: 2, amountMinor: 1_500 },
        { currency: null, kind: 'apology', count: 1, amountMinor: 0 },
      ],
      satisfaction: { responses: 2, average: 3, shareSolved: 0.5 },
      rootCauses: [
        { value: 'Courier late', count: 2 },
        { value: 'Address unreadable', count: 1 },
      ],
      responsibleParties: [
        { value: 'external', count: 2 },
        { value: 'customer', count: 1 },
      ],
    });
  });

  it('gives empty figures where nothing was measured', () => {
    const uncategorised = summarizeStatistics(REGISTER, { groupBy: 'month' })[2];
    expect(uncategorised).toMatchObject({
      received: 1,
      registered: 0,
      answered: 0,
      hoursToRegister: { median: null, p90: null },
      hoursToAnswer: { median: null, p90: null },
      verdicts: { founded: 0, partlyFounded: 0, unfounded: 0 },
      compensation: [],
      satisfaction: { responses: 0, average: null, shareSolved: null },
      rootCauses: [],
      responsibleParties: [],
    });
  });

  it('counts the first promises kept apart from the answers on time: an extension does not turn a broken promise into a kept one', () => {
    const [row] = summarizeStatistics(
      [
        aFact('kept', '2026-05-04T10:00:00.000Z', answered(20, true, true)),
        aFact('extended', '2026-05-05T10:00:00.000Z', answered(200, true, false)),
        aFact('late', '2026-05-06T10:00:00.000Z', answered(300, false, false)),
      ],
      { groupBy: 'month' },
    );
    expect(row).toMatchObject({ answered: 3, answeredOnTime: 2, firstPromiseKept: 1 });
  });

  it('reports first-contact resolution: how many were closed at first contact, and their share of those received', () => {
    const [row] = summarizeStatistics(
      [
        aFact('on-the-spot-1', '2026-05-04T10:00:00.000Z', { resolvedAtFirstContact: true }),
        aFact('on-the-spot-2', '2026-05-05T10:00:00.000Z', { resolvedAtFirstContact: true }),
        aFact('handled', '2026-05-06T10:00:00.000Z', answered(30, true)),
      ],
      { groupBy: 'month' },
    );
    expect(row).toMatchObject({ received: 3, resolvedAtFirstContact: 2, firstContactResolutionRate: 0.6667 });
  });

  it('groups by day and by year of receipt in UTC', () => {
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'day' }))).toStrictEqual([
      '2026-03-01 delivery 1',
      '2026-03-05 product-quality 1',
      '2026-03-15 delivery 1',
      '2026-03-20 uncategorised 1',
      '2026-03-31 delivery 1',
      '2026-04-01 delivery 1',
    ]);
    const byYear = summarizeStatistics([...REGISTER, aFact('old', '2025-12-31T23:59:59.999Z', registered('delivery', 8))], { groupBy: 'year' });
    expect(rowsOf(byYear)).toStrictEqual(['2025 delivery 1', '2026 delivery 4', '2026 product-quality 1', '2026 uncategorised 1']);
    expect(byYear[1]).toMatchObject({
      answered: 3,
      answeredOnTime: 2,
      firstPromiseKept: 2,
      hoursToRegister: { median: 4, p90: 30 }, // [2, 4, 10, 30]: ranks 2 and 4
      hoursToAnswer: { median: 100, p90: 300 }, // [50, 100, 300]: ranks 2 and 3
      verdicts: { founded: 2, partlyFounded: 1, unfounded: 1 },
      satisfaction: { responses: 3, average: 3, shareSolved: 0.6667 },
      rootCauses: [
        { value: 'Courier late', count: 2 },
        { value: 'Address unreadable', count: 1 },
        { value: 'Wrong address', count: 1 },
      ],
      responsibleParties: [
        { value: 'external', count: 2 },
        { value: 'customer', count: 1 },
        { value: 'process', count: 1 },
      ],
    });
  });

  it('rounds the average satisfaction to two places and the share solved to four', () => {
    const facts = [5, 4, 4].map((satisfaction, n) => aFact(`s${n}`, '2026-05-01T10:00:00.000Z', followedUp(satisfaction, n < 2)));
    expect(summarizeStatistics(facts, { groupBy: 'month' })[0].satisfaction).toStrictEqual({ responses: 3, average: 4.33, shareSolved: 0.6667 });
  });

  it('reports only complaints received between from and to; a date bound covers its whole day', () => {
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'month', to: '2026-03-31' }))).toStrictEqual([
      '2026-03 delivery 3',
      '2026-03 product-quality 1',
      '2026-03 uncategorised 1',
    ]);
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'month', from: '2026-03-15', to: '2026-03-31T23:00:00.000Z' }))).toStrictEqual([
      '2026-03 delivery 1',
      '2026-03 uncategorised 1',
    ]);
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'month', from: '2026-04-01' }))).toStrictEqual(['2026-04 delivery 1']);
    // Both bounds are inclusive.
    expect(rowsOf(summarizeStatistics(REGISTER, { groupBy: 'month', from: '2026-03-31T23:30:00.000Z', to: '2026-04-01T00:00:00.000Z' }))).toStrictEqual([
      '2026-03 delivery 1',
      '2026-04 delivery 1',
    ]);
    expect(summarizeStatistics(REGISTER, { groupBy: 'month', from: '2027-01-01' })).toStrictEqual([]);
    expect(() => summarizeStatistics(REGISTER, { groupBy: 'month', from: 'last spring' })).toThrow(RangeError);
  });

  it('gives the same rows for the same facts in any order', () => {
    const forwards = summarizeStatistics(REGISTER, { groupBy: 'month' });
    expect(summarizeStatistics([...REGISTER].reverse(), { groupBy: 'month' })).toStrictEqual(forwards);
  });

  it('ranks ties by name', () => {
    const facts = ['b', 'a', 'c', 'a', 'c'].map((rootCause, n) => aFact(`r${n}`, '2026-05-01T10:00:00.000Z', { rootCause }));
    expect(summarizeStatistics(facts, { groupBy: 'year' })[0].rootCauses).toStrictEqual([
      { value: 'a', count: 2 },
      { value: 'c', count: 2 },
      { value: 'b', count: 1 },
    ]);
  });
});

describe('percentile (nearest rank)', () => {
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each<[string, number[], number | null, number | null]>([
    ['nothing', [], null, null],
    ['one value', [7], 7, 7],
    ['an even count (the lower middle)', [4, 1, 3, 2], 2, 4],
    ['1 to 6 (rank 5.4 is rank 6)', oneTo(6), 3, 6],
    ['ten values in any order', [9, 1, 5, 3, 7, 2, 10, 4, 8, 6], 5, 9],
    ['1 to 11', oneTo(11), 6, 10],
    ['1 to 70', oneTo(70), 35, 63],
    ['ties', [0.25, 0.25, 100], 0.25, 100],
  ])('of %s', (_values, values, median, p90) => {
    expect(percentile(values, 50)).toBe(median);
    expect(percentile(values, 90)).toBe(p90);
  });

  it('finds the rank in whole numbers: the 7th percentile of 1 to 100 is 7 (0.07 · 100 is 7.000000000000001 in floating point)', () => {
    expect(percentile(oneTo(100), 7)).toBe(7);
  });
});

describe('the complaint report, issue 14: time to closure, acknowledgement, breakdowns, periods of closing', () => {
  const closedAfter = (hours: number, closedAt: string) => ({ closedAt, hoursToClose: hours });
  const FACTS = [
    aFact('a', '2026-03-01T10:00:00.000Z', { product: 'Kettle', channel: 'email', responsibleOfficer: 'officer-a', rootCauseCode: 'supplier-defect', ...closedAfter(24, '2026-03-02T10:00:00.000Z'), acknowledgedOnTime: true }),
    aFact('b', '2026-03-05T10:00:00.000Z', { product: 'Kettle', channel: 'phone', responsibleOfficer: 'officer-b', rootCauseCode: 'supplier-defect', ...closedAfter(100, '2026-04-02T10:00:00.000Z'), acknowledgedOnTime: false }),
    aFact('c', '2026-03-09T10:00:00.000Z', { product: 'Toaster', channel: 'email', responsibleOfficer: 'officer-a', ...closedAfter(10, '2026-03-09T20:00:00.000Z'), acknowledgedOnTime: true }),
    aFact('d', '2026-03-20T10:00:00.000Z', { product: 'Toaster', channel: 'email' }),
  ];
  const keyed = (rows: StatisticsRow[]) => rows.map((row) => `${row.period} ${row.breakdown.by}=${row.breakdown.value} ${row.received}`);

  it('gives the time to closure (median and p90) beside the time to answer, and how many are closed', () => {
    const [march] = summarizeStatistics(FACTS, { groupBy: 'month', breakdown: 'channel' }).filter((row) => row.breakdown.value === 'email');
    // Of [10, 24] closed by email: nearest-rank median 10, p90 24; d is open.
    expect(march).toMatchObject({ received: 3, closed: 2, hoursToClose: { median: 10, p90: 24 } });
  });

  it('gives the acknowledgements on time and late, and the on-time rate of those acknowledged', () => {
    const [all] = summarizeStatistics(FACTS.map((f) => ({ ...f, category: 'x' })), { groupBy: 'year' });
    expect(all).toMatchObject({ acknowledgedOnTime: 2, acknowledgedLate: 1, acknowledgementOnTimeRate: 0.6667 });
  });

  it.each([
    ['product', ['2026-03 product=Kettle 2', '2026-03 product=Toaster 2']],
    ['channel', ['2026-03 channel=email 3', '2026-03 channel=phone 1']],
    ['responsibleOfficer', ['2026-03 responsibleOfficer=(none) 1', '2026-03 responsibleOfficer=officer-a 2', '2026-03 responsibleOfficer=officer-b 1']],
    ['rootCauseCode', ['2026-03 rootCauseCode=(none) 2', '2026-03 rootCauseCode=supplier-defect 2']],
  ] as const)('breaks the rows down by %s, so that recurring values count together', (breakdown, expected) => {
    const rows = summarizeStatistics(FACTS, { groupBy: 'month', breakdown });
    expect(keyed(rows)).toEqual(expected);
    expect(rows.every((row) => row.category === '*')).toBe(true);
  });

  it('counts complaints closed in a period (basis closed), whenever they were received; open ones do not count', () => {
    const rows = summarizeStatistics(FACTS, { groupBy: 'month', basis: 'closed', breakdown: 'product' });
    expect(keyed(rows)).toEqual(['2026-03 product=Kettle 1', '2026-03 product=Toaster 1', '2026-04 product=Kettle 1']);
    expect(rows.map((row) => row.closed)).toEqual([1, 1, 1]);
    // from/to select by the date of closing too: b was received in March and closed in April.
    expect(keyed(summarizeStatistics(FACTS, { groupBy: 'year', basis: 'closed', breakdown: 'product', from: '2026-04-01' }))).toEqual(['2026 product=Kettle 1']);
  });

  it('by category (the default) keeps the category column and names the breakdown', () => {
    const [row] = summarizeStatistics([aFact('a', '2026-03-01T10:00:00.000Z', { category: 'delivery' })], { groupBy: 'month' });
    expect(row).toMatchObject({ category: 'delivery', breakdown: { by: 'category', value: 'delivery' } });
  });
});
