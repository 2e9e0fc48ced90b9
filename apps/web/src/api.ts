// The workspace talks to the public API only, with the bearer token the user signed in with.

import type { Evidence as RecordedEvidence } from '@app/domain';

const TOKEN_KEY = 'ledger.token';

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
const listeners = new Set<() => void>();

export const session = {
  token: () => token,
  /** Kept in sessionStorage (gone with the tab), never in a URL. */
  set(value: string | null) {
    token = value;
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export interface FieldProblem {
  field: string;
  /** The rule it broke (isLength, no-way-to-reply…): the workspace words it in the user's language. */
  code?: string;
  /** The API's sentence in English: shown when the code is not one the workspace knows. */
  reason: string;
}

/** An RFC 9457 problem the API answered. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail || title);
  }
}

export interface Answer<T> {
  body: T;
  etag: string | null;
}

type Query = Record<string, string | number | undefined | null>;

export const queryString = (query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** One call with the signed-in token. A failed connection or an error answer becomes a Problem; a 401 signs out. */
const call = async (path: string, query: Query | undefined, init: RequestInit & { headers: Record<string, string> }): Promise<Response> => {
  const headers = { ...init.headers };
  if (token && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path + queryString(query), { ...init, headers });
  } catch {
    throw new Problem(0, 'network', 'network', '');
  }
  if (response.ok) return response;
  // An expired or revoked token: back to the sign-in page.
  if (response.status === 401) session.set(null);
  const problem = ((await bodyOf(response)) ?? {}) as Partial<{ code: string; title: string; detail: string; errors: FieldProblem[] }>;
  throw new Problem(response.status, problem.code ?? `http-${response.status}`, problem.title ?? response.statusText, problem.detail ?? '', problem.errors ?? []);
};

const bodyOf = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export const request = async <T>(
  method: 'GET' | 'POST',
  path: string,
  options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> => {
  const json = options.body !== undefined;
  const response = await call(path, options.query, {
    method,
    headers: { Accept: 'application/json', ...options.headers, ...(json ? { 'Content-Type': 'application/json' } : {}) },
    body: json ? JSON.stringify(options.body) : undefined,
  });
  return { body: (await bodyOf(response)) as T, etag: response.headers.get('ETag') };
};

export const get = async <T>(path: string, query?: Query): Promise<T> => (await request<T>('GET', path, { query })).body;

/** Downloads an export with the token (a plain link could not carry it) and hands it to the browser as a file. */
export const download = async (path: string, query: Query, fileName: string): Promise<void> => {
  const response = await call(path, query, { headers: {} });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** Sends a file as the raw body with its own Content-Type (the evidence endpoint takes no JSON and no multipart). */
export const upload = async <T>(path: string, query: Query, file: File, headers: Record<string, string> = {}): Promise<T> => {
  const response = await call(path, query, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', ...headers },
    body: file,
  });
  return (await bodyOf(response)) as T;
};

/** An evidence file as the case's events record it, with where to download it. */
export type Evidence = RecordedEvidence & { href: string };

export const newIdempotencyKey = (): string => crypto.randomUUID();

// Shapes of the API's answers that the pages read.
export type Role = 'intake-clerk' | 'quality-officer' | 'manager' | 'auditor' | 'analyst' | 'administrator';
export interface Principal {
  id: string;
  role: Role;
}
export interface CommandResult {
  complaintId: string;
  revision: string;
  position: string;
}
export interface JournalEntry {
  complaintId: string;
  registerNumber: string | null;
  status: string;
  channel: string;
  receivedAt: string;
  complainantName: string;
  productOrService: string;
  category: string | null;
  responsibleOfficer: string | null;
  nextDeadlineKind: string | null;
  nextDueAt: string | null;
  /** null until judged; an API before issue 14 leaves them out. */
  acknowledgementMet?: boolean | null;
  firstPromiseKept?: boolean | null;
  resolvedAtFirstContact?: boolean;
}
export interface JournalPage {
  items: JournalEntry[];
  page: number;
  pageSize: number;
  total: number;
  /** False when a text search stopped counting at its limit: more than `total` match. An API before ADR 0020 leaves it out. */
  totalExact?: boolean;
  position: string | null;
}
export interface DeadlineExplanation {
  policyVersion: string;
  rule: string;
  from: string;
  days?: number;
  skippedDays?: string[];
}
export interface DeadlineEntry {
  complaintId: string;
  registerNumber: string | null;
  status: string;
  category: string | null;
  responsibleOfficer: string | null;
  kind: string | null;
  dueAt: string | null;
  explanation: DeadlineExplanation | null;
}
/** The deadlines board as the page reads it (the API also says `asOf`, which the board does not show). */
export interface DeadlineList {
  horizonHours: number;
  overdue: DeadlineEntry[];
  overdueTotal: number;
  dueSoon: DeadlineEntry[];
  dueSoonTotal: number;
}
export interface Money {
  amountMinor: number;
  currency: string;
}
export interface Complaint {
  status: string;
  complaintId: string;
  channel: string;
  receivedAt: string;
  takenBy?: string;
  complainant: { name: string; kind: string; email?: string; phone?: string; postalAddress?: string };
  subject: { productOrService: string; sku?: string; lotNumber?: string; serialNumber?: string; orderReference?: string };
  description: string;
  desiredRemedy?: string;
  primaryResponse?: string;
  registration?: { registerNumber: string; registeredAt: string; category: string; severity: string };
  responsibleOfficer?: string;
  registrationDueAt?: string;
  answerDueAt?: string;
  /** Present while the case waits on the complainant (the answer clock stands still). */
  awaitingComplainant?: { since: string; requestedBy: string };
  followUpDueAt?: string;
  investigation?: { outcome: string; verdict?: string; findings?: string; rootCause?: string; reason?: string };
  answer?: { channel: string; summary: string; signedBy: string; signature?: Signature; answeredAt: string };
  acknowledgementDueAt?: string;
  acknowledgedAt?: string;
  contacts?: Array<{ kind: string; channel: string; summary: string; contactedAt: string; contactedBy: string }>;
  closedAt?: string;
  closing?: { summary?: string; complainantAcceptedOutcome?: boolean; referral?: { body: string; name: string; reference: string } };
  firstContactResolution?: { resolution: string; resolvedBy: string; resolvedAt: string };
  withdrawal?: { withdrawnAt: string; reason: string };
  compensations?: Array<{ kind: string; amount?: Money; description: string; approvedBy: string; grantedAt: string }>;
  followUps?: Array<{ contactedAt: string; problemSolved: boolean; satisfaction: number; comment?: string }>;
}
export interface Signature {
  signedBy: string;
  meaning: string;
  signedAt: string;
}
export interface HistoryEvent {
  revision: string;
  position: string;
  type: string;
  recordedAt?: string;
  occurredAt?: string;
  actor?: { id: string; role: string };
  data: Record<string, unknown>;
  hash?: string;
}
export interface History {
  complaintId: string;
  asOf?: string;
  complaint: Complaint;
  events: HistoryEvent[];
}
export interface Verification {
  valid: boolean;
  eventsChecked: number;
  revision?: string;
  reason?: string;
}
export interface StatisticsRow {
  period: string;
  category: string;
  received: number;
  registered: number;
  answered: number;
  answeredOnTime: number;
  firstPromiseKept?: number;
  resolvedAtFirstContact?: number;
  firstContactResolutionRate?: number | null;
  hoursToAnswer: { median: number | null; p90: number | null };
  verdicts: { founded: number; partlyFounded: number; unfounded: number };
  compensation: Array<{ currency: string | null; kind: string; count: number; amountMinor: number }>;
  satisfaction: { responses: number; average: number | null; shareSolved: number | null };
}
export interface ProjectionStatus {
  name: string;
  state: string;
  position: string | null;
  lag?: { events: number; eventsAtLeast: boolean; seconds: number };
  rebuild?: RebuildProgress | null;
  eventsProcessed: number;
  failure: { position?: string; eventType?: string; message?: string } | null;
  needsRebuild: boolean;
}
export interface RebuildProgress {
  projection: string;
  state: string;
  processed?: number;
  fraction?: number;
  eventsPerSecond?: number;
  secondsLeft?: number | null;
  error?: string | null;
}

/** The global position of this tab's last command: read models are asked to reach it (read your own writes). */
let lastPosition: string | undefined;
export const writtenAt = (position: string) => {
  if (lastPosition === undefined || BigInt(position) > BigInt(lastPosition)) lastPosition = position;
};
export const minPosition = () => lastPosition;

export interface Policies {
  categories: { version: string; categories: Array<{ key: string; label: string }> };
}
