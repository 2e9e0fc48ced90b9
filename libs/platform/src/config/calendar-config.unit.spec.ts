import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

// Issue 14: the deployment's calendar — its zone, working week, holidays and answer periods.
describe('the calendar of a deployment', () => {
  it('keeps the default policy and its version when nothing is set, or only the defaults are spelt out', () => {
    const plain = loadConfig({}).deadlinePolicy;
    expect(plain).toStrictEqual(loadConfig({ LEDGER_TIME_ZONE: 'UTC', WORKING_DAYS: 'Mon-Fri' }).deadlinePolicy);
    expect(plain.version).toBe('default-1');
    expect(plain.timeZone).toBeUndefined();
  });

  it('takes the time zone, the working week, holidays from the list and a file, and the periods', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'bg-2026.txt');
    writeFileSync(file, '# Bulgaria 2026\n2026-12-24\n2026-12-25 # Christmas\n\n2026-12-26\n');

    const policy = loadConfig({
      LEDGER_TIME_ZONE: 'Europe/Sofia',
      WORKING_DAYS: 'Sun-Thu',
      HOLIDAYS: '2026-03-03, 2026-12-24',
      HOLIDAYS_FILE: file,
      ANSWER_PERIOD: '1 month',
      ANSWER_PERIOD_BY_CATEGORY: 'delivery:5 working-days,organisation:30 calendar-days',
      ANSWER_PERIOD_BY_SEVERITY: 'critical:2 working-days',
    }).deadlinePolicy;

    expect(policy).toMatchObject({
      version: expect.stringMatching(/^custom-[0-9a-f]{8}$/),
      timeZone: 'Europe/Sofia',
      workingDays: [1, 2, 3, 4, 7],
      holidays: ['2026-03-03', '2026-12-24', '2026-12-25', '2026-12-26'],
      answerDays: 1,
      answerDayKind: 'months',
      answerPeriodsByCategory: { delivery: { count: 5, unit: 'working-days' }, organisation: { count: 30, unit: 'calendar-days' } },
      answerPeriodsBySeverity: { critical: { count: 2, unit: 'working-days' } },
    });
  });

  it('names a policy in another zone differently from the same policy in UTC', () => {
    expect(loadConfig({ LEDGER_TIME_ZONE: 'Europe/Sofia' }).deadlinePolicy.version).not.toBe(loadConfig({}).deadlinePolicy.version);
  });

  it('refuses every bad setting at once, each with its name', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        LEDGER_TIME_ZONE: 'Europe/Atlantis',
        WORKING_DAYS: 'Mon-Funday',
        HOLIDAYS: '2026-02-30',
        HOLIDAYS_FILE: '/nonexistent/holidays.txt',
        ANSWER_PERIOD: 'ten days',
        ANSWER_PERIOD_BY_CATEGORY: 'parcels:5 working-days,delivery:5 weeks',
        ANSWER_PERIOD_BY_SEVERITY: 'critical:3 months',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toStrictEqual([
      expect.stringMatching(/^HOLIDAYS_FILE \/nonexistent\/holidays.txt cannot be read/),
      'HOLIDAYS contains "2026-02-30", which is not a date (YYYY-MM-DD).',
      expect.stringMatching(/^LEDGER_TIME_ZONE="Europe\/Atlantis" is not an IANA time zone/),
      expect.stringMatching(/^WORKING_DAYS="Mon-Funday"/),
      expect.stringMatching(/^ANSWER_PERIOD="ten days"/),
      expect.stringMatching(/^ANSWER_PERIOD_BY_CATEGORY: "parcels" is not a category/),
      expect.stringMatching(/^ANSWER_PERIOD_BY_CATEGORY: "delivery:5 weeks"/),
      expect.stringMatching(/^ANSWER_PERIOD_BY_SEVERITY critical:3 months can last beyond STATUTORY_LIMIT_DAYS=56/),
    ]);
  });
});
