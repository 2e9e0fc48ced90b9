import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CategoryCatalogue,
  CompensationApprovalPolicy,
  DEFAULT_CATEGORY_CATALOGUE,
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_ROOT_CAUSE_TAXONOMY,
  DeadlinePolicy,
  parseCompensationThresholds,
  RootCauseTaxonomy,
} from '@app/domain';
import { sha256 } from '@app/event-store';
import { AuthConfig, loadAuthConfig } from '../auth/auth-config';
import { loadCalendar, periodsBeyondLimit } from './calendar-config';
import { EvidenceConfig, loadEvidenceConfig } from './evidence-config';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  bodyLimit: string;
  deadlinePolicy: DeadlinePolicy;
  categories: CategoryCatalogue;
  /** The root-cause codes an investigation may record (ROOT_CAUSES_FILE; a default list otherwise). */
  rootCauses: RootCauseTaxonomy;
  /** After this long an unused register-number reservation is voided by the next registration or the sweeper. */
  reservationTimeoutMs: number;
  /** How often the API looks for reservations left open (a server killed mid-registration) and voids timed-out ones. */
  reservationSweepIntervalMs: number;
  /** The default horizon of the "due soon" list. */
  dueSoonHours: number;
  /** A text search (`q`) counts its matches up to this many; beyond, its total says "more than this" (ADR 0020). */
  searchTotalLimit: number;
  /** `external`: the projector writes the read models and this API only follows their checkpoints. */
  projections: 'in-process' | 'external';
  /** Read models on this MongoDB instead of the embedded store (MONGODB_URI). */
  mongodbUri?: string;
  /** Who may call the API and how they prove it; see auth/auth-config.ts. */
  auth: AuthConfig;
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins: string[];
  /** Requests per minute per principal; 0: no limit. */
  rateLimitPerMinute: number;
  /** Per currency, the cumulative compensation of a case a quality officer may grant without a manager. */
  compensationApproval: CompensationApprovalPolicy;
  /** OFFICERS: the only people who may be made responsible for a case; unset: the directory's (and OIDC's) quality officers. */
  officers?: string[];
  /** EventStoreDB instead of the embedded event store, when set. */
  eventStoreConnectionString?: string;
  /** Evidence files: size and type limits, and the blob store; see evidence/evidence-config.ts. */
  evidence: EvidenceConfig;
}

/** Raised at start with one line per bad setting, so an operator can fix them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the configuration from the environment; every value has a sensible default. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, fallback: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!allowed.includes(raw as T)) problems.push(`${name}="${raw}" must be one of: ${allowed.join(', ')}.`);
    return (allowed.includes(raw as T) ? raw : fallback) as T;
  };

  const categories = loadCategories(env.COMPLAINT_CATEGORIES_FILE, problems);
  const calendar = loadCalendar(
    env,
    problems,
    {
      answerDays: integer('ANSWER_DUE_DAYS', DEFAULT_DEADLINE_POLICY.answerDays, 1, 366),
      answerDayKind: oneOf('ANSWER_DUE_DAY_KIND', 'calendar', ['calendar', 'working'] as const),
    },
    categories.categories.map((c) => c.key),
  );
  const policy: Omit<DeadlinePolicy, 'version'> = {
    answerDays: calendar.answerDays,
    answerDayKind: calendar.answerDayKind,
    followUpDays: integer('FOLLOW_UP_DUE_DAYS', DEFAULT_DEADLINE_POLICY.followUpDays, 1, 366),
    holidays: calendar.holidays,
    statutoryLimitDays: integer('STATUTORY_LIMIT_DAYS', DEFAULT_DEADLINE_POLICY.statutoryLimitDays, 1, 366),
    acknowledgementDays: integer('ACKNOWLEDGEMENT_DUE_DAYS', DEFAULT_DEADLINE_POLICY.acknowledgementDays, 1, 30),
    // The calendar fields only when set, so that the content hash of an older policy stays the same.
    ...(calendar.timeZone && { timeZone: calendar.timeZone }),
    ...(calendar.workingDays && { workingDays: calendar.workingDays }),
    ...(calendar.answerPeriodsByCategory && { answerPeriodsByCategory: calendar.answerPeriodsByCategory }),
    ...(calendar.answerPeriodsBySeverity && { answerPeriodsBySeverity: calendar.answerPeriodsBySeverity }),
  };
  problems.push(...periodsBeyondLimit(policy));
  if (policy.answerDayKind === 'calendar' && policy.answerDays > policy.statutoryLimitDays)
    problems.push(`ANSWER_DUE_DAYS=${policy.answerDays} lies beyond STATUTORY_LIMIT_DAYS=${policy.statutoryLimitDays}: no answer deadline may pass the statutory limit.`);
  const bodyLimit = env.BODY_LIMIT ?? '100kb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) problems.push(`BODY_LIMIT="${bodyLimit}" must look like 100kb or 1mb.`);
  const mongodbUri = env.MONGODB_URI || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\/[^/?\s]+/.test(mongodbUri))
    problems.push('MONGODB_URI must be a MongoDB connection string: mongodb://host:27017/database or mongodb+srv://host/database.');

  const config: AppConfig = {
    port: integer('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    logLevel: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    bodyLimit,
    deadlinePolicy: { version: env.DEADLINE_POLICY_VERSION || policyVersion(policy), ...policy },
    categories,
    rootCauses: loadRootCauses(env.ROOT_CAUSES_FILE || rootCausesUnderDataDir(resolve(env.DATA_DIR || './data')), problems),
    // _SECONDS, when set, wins: short timeouts for tests and drills.
    reservationTimeoutMs:
      env.REGISTER_RESERVATION_TIMEOUT_SECONDS !== undefined
        ? integer('REGISTER_RESERVATION_TIMEOUT_SECONDS', 3600, 1, 7 * 24 * 3600) * 1000
        : integer('REGISTER_RESERVATION_TIMEOUT_MINUTES', 60, 1, 7 * 24 * 60) * 60_000,
    reservationSweepIntervalMs: 0, // set below from the timeout
    dueSoonHours: integer('DUE_SOON_HOURS', 48, 1, 24 * 90),
    searchTotalLimit: integer('SEARCH_TOTAL_LIMIT', 10_000, 1, 100_000_000),
    projections: oneOf('PROJECTIONS', 'in-process', ['in-process', 'external'] as const),
    ...(mongodbUri ? { mongodbUri } : {}),
    auth: loadAuthConfig(env, problems, integer),
    corsOrigins: listOf(env.CORS_ORIGINS),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    compensationApproval: compensationApproval(env, problems),
    eventStoreConnectionString: eventStoreConnectionString(env.EVENTSTORE_CONNECTION_STRING, problems),
    ...officersOf(env.OFFICERS, problems),
    evidence: loadEvidenceConfig(env, problems, integer),
  };
  // A dangling reservation is voided at most timeout + interval after it was taken.
  config.reservationSweepIntervalMs = Math.min(Math.max(Math.floor(config.reservationTimeoutMs / 4), 250), 60_000);
  for (const origin of config.corsOrigins)
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS contains "${origin}", which is not an origin like https://app.example.com.`);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
};

const compensationApproval = (env: NodeJS.ProcessEnv, problems: string[]): CompensationApprovalPolicy => {
  // The single threshold applied to every currency alike; refused rather than guessed at, so no
  // deployment silently changes who may grant how much.
  if (env.COMPENSATION_APPROVAL_THRESHOLD !== undefined)
    problems.push(
      `COMPENSATION_APPROVAL_THRESHOLD is replaced by COMPENSATION_APPROVAL_THRESHOLDS, one per currency: ` +
        `e.g. COMPENSATION_APPROVAL_THRESHOLDS=EUR:${env.COMPENSATION_APPROVAL_THRESHOLD || 50000}.`,
    );
  const { policy, problems: found } = parseCompensationThresholds(env.COMPENSATION_APPROVAL_THRESHOLDS ?? 'EUR:50000');
  for (const problem of found) problems.push(`COMPENSATION_APPROVAL_THRESHOLDS: ${problem}`);
  return policy;
};

/** OFFICERS=officer-a,officer-b: ids as the principals carry them (the OIDC actor claim, or the user id). */
const officersOf = (raw: string | undefined, problems: string[]): { officers?: string[] } => {
  const ids = listOf(raw);
  if (ids.length === 0) return {};
  for (const id of ids) if (!/^[\p{L}\p{N}._@+-]{1,100}$/u.test(id)) problems.push(`OFFICERS contains "${id}", which is not a person's id.`);
  return { officers: ids };
};

const listOf = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

// A policy without an explicit version is named after its content, so a deadline recorded under
// it can never be explained by a different policy that happens to share a name.
const policyVersion = (policy: Omit<DeadlinePolicy, 'version'>): string => {
  const { version: _v, ...defaults } = DEFAULT_DEADLINE_POLICY;
  const hash = sha256(JSON.stringify(policy));
  return hash === sha256(JSON.stringify(defaults)) ? DEFAULT_DEADLINE_POLICY.version : `custom-${hash.slice(0, 8)}`;
};

const eventStoreConnectionString = (raw: string | undefined, problems: string[]): string | undefined => {
  if (!raw) return undefined;
  if (!/^esdb(\+discover)?:\/\/[^/?#\s]+/.test(raw))
    problems.push(`EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// and name a host (e.g. esdb://localhost:2113?tls=false).`);
  return raw;
};

/** `root-causes.json` under DATA_DIR, when a deployment put one there and named no ROOT_CAUSES_FILE. */
const rootCausesUnderDataDir = (dataDir: string): string | undefined => {
  const file = join(dataDir, 'root-causes.json');
  return existsSync(file) ? file : undefined;
};

/** What a catalogue file of the deployment (root causes, categories) must hold: a version and a non-empty list of coded, labelled entries. */
interface CatalogueShape<T> {
  variable: string;
  list: string;
  id: string;
  maxIdLength: number;
  defaults: T;
}

const loadCatalogue = <T>(file: string | undefined, problems: string[], shape: CatalogueShape<T>): T => {
  if (!file) return shape.defaults;
  const { variable, list, id, maxIdLength } = shape;
  try {
    const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const entries = catalogue[list];
    const idPattern = new RegExp(`^[a-z0-9-]{1,${maxIdLength}}$`);
    const valid =
      typeof catalogue.version === 'string' &&
      Array.isArray(entries) &&
      entries.length > 0 &&
      entries.every((c: Record<string, unknown>) => typeof c[id] === 'string' && idPattern.test(c[id]) && typeof c.label === 'string');
    if (valid) return catalogue as T;
    problems.push(`${variable} ${file} must hold {"version": "...", "${list}": [{"${id}": "kebab-case", "label": "..."}]}.`);
  } catch (error) {
    problems.push(`${variable} ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  return shape.defaults;
};

const loadRootCauses = (file: string | undefined, problems: string[]): RootCauseTaxonomy =>
  loadCatalogue(file, problems, { variable: 'ROOT_CAUSES_FILE', list: 'rootCauses', id: 'code', maxIdLength: 60, defaults: DEFAULT_ROOT_CAUSE_TAXONOMY });

const loadCategories = (file: string | undefined, problems: string[]): CategoryCatalogue =>
  loadCatalogue(file, problems, { variable: 'COMPLAINT_CATEGORIES_FILE', list: 'categories', id: 'key', maxIdLength: 40, defaults: DEFAULT_CATEGORY_CATALOGUE });
