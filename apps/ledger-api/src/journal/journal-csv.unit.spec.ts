import { aComplaint } from '@app/domain/testing';
import { JournalEntry, registerJournalProjection } from '@app/projections';
import { documentAfter } from '@app/projections/read-models/testing/recorded';
import { EXPORT_COLUMNS, journalCsv, neutraliseFormula } from './journal-csv';

/** The description cell of a one-row export whose only value is that description, as the CSV carries it. */
const exported = (description: string): string => {
  const csv = journalCsv([{ description } as unknown as JournalEntry]);
  const row = csv.replace(/^\uFEFF/, '').split('\r\n').slice(1, -1).join('\r\n');
  return row.replace(/^,+|,+$/g, '');
};

describe('journal CSV: formula injection (OWASP CSV injection guidance)', () => {
  it.each([
    ['=1+2', 'a leading equals sign'],
    ['+1', 'a leading plus'],
    ['-1+cmd', 'a leading minus'],
    ['@SUM(A1)', 'a leading at sign'],
    ['\t=1', 'a tab'],
    ['\r=1', 'a carriage return'],
    ["\n=cmd|' /C calc'!A0", 'a line feed before ='],
    ['＝cmd|\' /C calc\'!A0', 'a full-width equals sign'],
    ['＋1', 'a full-width plus'],
    ['－1', 'a full-width minus'],
    ['＠SUM(A1)', 'a full-width at sign'],
    ['\u00a0=1+2', 'a no-break space before ='],
    ['  =1+2', 'spaces before ='],
    ['\u2003\u3000=1', 'an em space and an ideographic space before ='],
    ['\u200b=1', 'a zero-width space before ='],
    ['\ufeff+1', 'a byte-order mark before +'],
  ])('neutralises %j (%s): the cell starts with a quote mark', (value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`);
    // Quoted, and inside the quotes the apostrophe comes first: the spreadsheet reads text.
    expect(exported(value)).toBe(`"'${value}"`);
  });

  it.each(['Ivanova', 'heating stopped = broken', 'e-mail: a@b.c', '2026-000001', ''])('leaves %j as it is', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  it('keeps the cell one CSV field even with separators and quotes inside', () => {
    expect(exported('=HYPERLINK("http://x","y"),z')).toBe(`"'=HYPERLINK(""http://x"",""y""),z"`);
  });
});

describe('journal CSV: headers in a language, and the separator', () => {
  const row = { registerNumber: '2026-000002', complaintId: 'c-2', status: 'registered', description: 'Broken; 1,5 kg' } as unknown as JournalEntry;
  const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

  it.each([
    ['en', 'Register number'],
    ['bg', 'Регистров номер'],
    ['ru', 'Регистрационный номер'],
    ['ar', 'رقم السجل'],
    ['hy', 'Գրանցման համար'],
  ] as const)('names the columns in %s', (lang, first) => {
    const [header] = lines(journalCsv([row], { lang }));
    expect(header.split(',')[0]).toBe(first);
    expect(header.split(',')).toHaveLength(EXPORT_COLUMNS.length);
    expect(new Set(header.split(',')).size).toBe(EXPORT_COLUMNS.length);
  });

  it('keeps the stable machine names without lang', () => {
    expect(lines(journalCsv([row]))[0]).toBe(EXPORT_COLUMNS.join(','));
  });

  it('separates by ; on request, quoting a cell that holds one', () => {
    const [header, line] = lines(journalCsv([row], { separator: ';', lang: 'bg' }));
    expect(header.split(';')).toHaveLength(EXPORT_COLUMNS.length);
    expect(line.startsWith('2026-000002;c-2;registered;')).toBe(true);
    expect(line).toContain(';"Broken; 1,5 kg";');
  });

  it('puts voided numbers in sequence among the registered rows, with the reason; unregistered complaints last', () => {
    const unregistered = { registerNumber: null, complaintId: 'c-9', status: 'received' } as unknown as JournalEntry;
    const first = { registerNumber: '2026-000001', complaintId: 'c-1', status: 'registered' } as unknown as JournalEntry;
    const voided = { year: 2026, registerNumber: '2026-000003', sequence: 3, complaintId: 'c-3', reservedAt: '2026-03-01T10:00:00.000Z', voidedAt: '2026-03-01T11:00:00.000Z', reason: 'complaint c-3 was withdrawn' };
    const body = lines(journalCsv([unregistered, row, first], {}, [voided])).slice(1);
    expect(body.map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['2026-000001,c-1,registered', '2026-000002,c-2,registered', '2026-000003,c-3,voided', ',c-9,received']);
    expect(body[2].endsWith(',2026-03-01T11:00:00.000Z,complaint c-3 was withdrawn')).toBe(true);
  });
});

describe('journal CSV: every column of the journal (issue 14)', () => {
  // A row of the journal as projected, with every field the read model has; the CSV must carry each of them.
  const internal = new Set(['_id', '_position', 'searchText']);
  const everyField = (): string[] => {
    const row = documentAfter(registerJournalProjection, aComplaint().received().registered().investigated().answered().closed().events());
    return Object.keys(row ?? {}).filter((field) => !internal.has(field));
  };

  it('has a column for every field of the journal row', () => {
    expect(everyField().filter((field) => !(EXPORT_COLUMNS as readonly string[]).includes(field))).toEqual([]);
  });

  it('adds the new columns at the end: the earlier ones keep their places', () => {
    const at = (column: string) => (EXPORT_COLUMNS as readonly string[]).indexOf(column);
    for (const added of ['investigatedAt', 'withdrawalReason', 'registeredBy', 'closedBy', 'reopeningReasons', 'rootCauseCode'])
      expect(at(added)).toBeGreaterThan(at('referralReference'));
    expect(at('registerNumber')).toBe(0);
  });

  it('writes the sources of the facts and the reopening reasons as readable cells', () => {
    const csv = journalCsv([
      {
        registerNumber: '2026-000001',
        reopeningReasons: ['Failed again', 'And again'],
        factSources: [{ kind: 'employee-concerned', reference: 'seller-petrov', statement: 'Returns need a manager', obtainedAt: '2026-03-03T11:00:00.000Z' }],
      } as unknown as JournalEntry,
    ]);
    expect(csv).toContain('"Failed again; And again"');
    expect(csv).toContain('kind=employee-concerned reference=seller-petrov statement=Returns need a manager obtainedAt=2026-03-03T11:00:00.000Z');
  });
});
