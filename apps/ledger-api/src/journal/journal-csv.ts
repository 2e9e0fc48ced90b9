import { JournalEntry } from '@app/projections';

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
] as const satisfies ReadonlyArray<keyof JournalEntry>;

const BOM = '\uFEFF';

/** RFC 4180 CSV, UTF-8 with a BOM so spreadsheets read it as UTF-8. */
export const journalCsv = (rows: readonly JournalEntry[]): string =>
  BOM + [JOURNAL_COLUMNS.join(','), ...rows.map((row) => JOURNAL_COLUMNS.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value)
    ? value.map((item) => (typeof item === 'object' ? formatItem(item as Record<string, unknown>) : String(item))).join('; ')
    : String(value);
  // A cell a spreadsheet would run as a formula is quoted as text (CSV injection).
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
};

const formatItem = (item: Record<string, unknown>): string =>
  'amountMinor' in item && 'currency' in item && Object.keys(item).length === 2
    ? `${item.amountMinor} ${item.currency}`
    : Object.entries(item)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
