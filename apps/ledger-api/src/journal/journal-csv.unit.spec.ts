import { JournalEntry } from '@app/projections';
import { journalCsv, neutraliseFormula } from './journal-csv';

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
