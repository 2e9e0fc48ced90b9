import { VoidedRegisterNumber } from '@app/domain';
import { JournalEntry } from '@app/projections';
import { CsvHeaderLanguage, headersIn } from './journal-csv-headers';

/**
 * The audit export's columns, in order. Names are stable: auditors' spreadsheets and scripts depend
 * on them; add columns at the end, never rename or remove one.
 */
export const JOURNAL_COLUMNS = [
  'registerNumber', 'complaintId', 'status', 'receivedAt', 'channel', 'takenBy', 'registeredAt',
  'complainantName', 'complainantKind', 'complainantEmail', 'complainantPhone', 'complainantPostalAddress',
  'productOrService', 'sku', 'lotNumber', 'serialNumber', 'orderReference',
  'category', 'categoryCatalogueVersion', 'severity', 'description', 'desiredRemedy', 'documents',
  'primaryResponse', 'resolvedOnTheSpot', 'responsibleOfficer',
  'registrationDueAt', 'registrationMet', 'answerDueAt', 'answerMet', 'followUpDueAt', 'followUpMet',
  'investigationOutcome', 'verdict', 'findings', 'rootCause', 'responsibleParty', 'correctiveAction',
  'investigationWaivedReason', 'investigatedBy',
  'answeredAt', 'answerChannel', 'answerSummary', 'answerSignedBy',
  'compensationTotals', 'compensations',
  'followUpContactedAt', 'problemSolved', 'satisfaction', 'followUpComment',
  'closedAt', 'withdrawnAt', 'reopenedCount', 'revision', 'lastEventAt',
  'firstAnswerDueAt', 'firstPromiseKept', 'answerSignatureMeaning', 'answerSignedAt',
  'resolvedAtFirstContact', 'acknowledgementDueAt', 'acknowledgedAt', 'acknowledgementMet',
  'closingSummary', 'complainantAcceptedOutcome', 'referralBody', 'referralName', 'referralReference',
  'investigatedAt', 'withdrawalReason', 'registeredBy', 'closedBy', 'reopeningReasons',
  'rootCauseCode', 'rootCauseTaxonomyVersion', 'investigationProductReference', 'investigationLotNumber', 'factSources',
  'nextDeadlineKind', 'nextDueAt',
  'awaitingComplainantSince', 'answerPausedMs',
] as const satisfies ReadonlyArray<keyof JournalEntry>;

/** Two columns after the journal's: a voided number's row says when and why it was voided. */
export const EXPORT_COLUMNS = [...JOURNAL_COLUMNS, 'voidedAt', 'voidReason'] as const;
type ExportRow = Partial<Record<(typeof EXPORT_COLUMNS)[number], unknown>>;

const BOM = '\uFEFF';

export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export interface CsvOptions {
  /** The header row: the stable column names (default), or their labels in this language. */
  lang?: CsvHeaderLanguage;
  /** `;` for spreadsheets in locales whose decimal mark is a comma. */
  separator?: CsvSeparator;
}

/**
 * RFC 4180 CSV, UTF-8 with a BOM so spreadsheets read it as UTF-8. Rows in register-number order,
 * voided numbers in their place (status `voided`, with the reason), so a gap shows what filled it;
 * complaints not yet registered follow, in order of receipt.
 */
export const journalCsv = (rows: readonly JournalEntry[], options: CsvOptions = {}, voided: readonly VoidedRegisterNumber[] = []): string => {
  const separator = options.separator ?? ',';
  const line = (cells: readonly unknown[]) => cells.map((value) => cell(value)).join(separator);
  const numbered: ExportRow[] = [
    ...rows.filter((row) => row.registerNumber),
    ...voided.map((v) => ({ registerNumber: v.registerNumber, complaintId: v.complaintId, status: 'voided', voidedAt: v.voidedAt, voidReason: v.reason })),
  ].sort((a, b) => String(a.registerNumber).localeCompare(String(b.registerNumber)));
  const ordered: ExportRow[] = [...numbered, ...rows.filter((row) => !row.registerNumber)];
  const headers = options.lang ? headersIn(EXPORT_COLUMNS, options.lang) : EXPORT_COLUMNS;
  return BOM + [line(headers), ...ordered.map((row) => line(EXPORT_COLUMNS.map((column) => row[column])))].join('\r\n') + '\r\n';
};

// Whitespace a spreadsheet may skip before reading a formula: \s covers the Unicode spaces (NBSP,
// U+2000–U+200A, U+3000, the BOM…); the zero-width ones are added. Then the characters that start a
// formula, with their full-width and small-form look-alikes and the minus sign.
const FORMULA_START = /^[\s\u200B-\u200D\u2060\u180E]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/;

/**
 * OWASP's CSV-injection advice: a cell that a spreadsheet could read as a formula gets a leading
 * apostrophe (and is always quoted, below), so it is shown as text.
 */
export const neutraliseFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const raw = Array.isArray(value)
    ? value.map((item) => (typeof item === 'object' ? formatItem(item as Record<string, unknown>) : String(item))).join('; ')
    : String(value);
  const text = neutraliseFormula(raw);
  return text !== raw || /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
};

const formatItem = (item: Record<string, unknown>): string =>
  'amountMinor' in item && 'currency' in item && Object.keys(item).length === 2
    ? `${item.amountMinor} ${item.currency}`
    : Object.entries(item)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
