import { KeyStore, PersonalDataVault, UnsealingEventStore } from '@app/security';
import { resolveComplaintReference } from '@app/projections';
import { parseArgs } from 'node:util';
import { accessLog } from './commands/access-log.command';
import { erase } from './commands/erase.command';
import { scrubReadModels, ScrubOutcome } from './commands/scrub-read-models';
import { history } from './commands/history.command';
import { apiAnswers, rebuildHere, rebuildThroughApi } from './commands/rebuild.command';
import { replay } from './commands/replay.command';
import { stats } from './commands/stats.command';
import { STATISTICS_BASES, STATISTICS_BREAKDOWNS, StatisticsBasis, StatisticsBreakdown } from '@app/projections';
import { users } from './commands/users.command';
import { verify } from './commands/verify.command';
import { parseIsoInstantOption, parseIsoPeriod } from './dates';
import { KeysNotFoundError, openEventStore, openKeys, openKeysIfAny, openReadModels, UsageError } from './embedded-store';

const USAGE = `Usage: ledger <command> [options]      (npx ledger …, or npm run cli -- …)

Commands:
  verify [--stream <complaint | stream id>]      verify the hash chain of one case, or of every stream
  history <complaint> [--json]                    print a case's events in order: who, when, what
  replay <complaint> [--as-of <time>]             the case's story for an auditor: who, when, what changed, the chain's verdict
  stats [--from <date>] [--to <date>] [--group-by day|month|year] [--json]
        [--breakdown category|product|channel|responsibleOfficer|rootCauseCode] [--basis received|closed]
                                                  statistics computed straight from the events, without read models;
                                                  --basis closed counts the complaints closed in each period
                                                  (dates and periods in $LEDGER_TIME_ZONE, as the API's report)
  rebuild <register_journal|deadlines|statistics|all> [--api <url>]
                                                  rebuild read models from position zero and swap them in; through the
                                                  running API (default http://localhost:$PORT, with an administrator's
                                                  token in $LEDGER_API_TOKEN), else in this process
  users add <id> --role <role>                    give a person a personal API token (printed once, stored as a hash)
  users revoke <id>                               revoke a person's token at once
  users list                                      who has a token, with which role
  access-log [--from <date>] [--to <date>] [--actor <id>] [--json]
                                                  the access trail: who read which case or searched the journal, when
                                                  (ISO 8601 dates; default: today, UTC)
  erase <complaint> [--reason <text>] [--actor <id>]
                                                  erase the complainant's personal data: destroy its key, record the erasure

A <complaint> is its id (UUID) or its register number (2026-000042).
Dates are ISO 8601: 2026-12-01 (a whole day, UTC; as --as-of, its end) or 2026-12-01T09:30:00Z.

Options:
  --data-dir <dir>   the data directory (default: $DATA_DIR or ./data)
                     (rebuild works on the read models in MongoDB when MONGODB_URI is set, as the API does)
                     (with EVENTSTORE_CONNECTION_STRING set, events are read from EventStoreDB instead)
  --help             this text

Exit codes: 0 success, 1 a chain is broken, 2 usage error, 3 the data keys are not where the API keeps them (nothing done),
4 any other failure (printed).
`;

/** What the erasure says of the embedded read models after its scrub. */
const SCRUBBED: Record<ScrubOutcome, string> = {
  rebuilt: 'The read models were rebuilt and compacted: no copy of the erased data is left in them.\n',
  held: 'The running API erases the fields in its read models as the erasure reaches them; to leave no old bytes in their file either, run this command again while the API is stopped.\n',
  refused: 'The read models were not rebuilt (see above): run this command again when that rebuild has finished, to leave no old bytes in them.\n',
};

export const run = async (
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        stream: { type: 'string' },
        json: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        'group-by': { type: 'string', default: 'month' },
        breakdown: { type: 'string', default: 'category' },
        basis: { type: 'string', default: 'received' },
        'as-of': { type: 'string' },
        api: { type: 'string' },
        'data-dir': { type: 'string' },
        role: { type: 'string' },
        reason: { type: 'string' },
        actor: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out.write(USAGE);
      return values.help ? 0 : 2;
    }
    const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
    const one = (what: string): string => {
      if (rest.length !== 1) throw new UsageError(`${command} needs exactly one ${what}.`);
      return rest[0];
    };
    // Checked before any store is opened: a bad date is the caller's mistake, whatever the data.
    const period = parseIsoPeriod(values.from, values.to);
    const asOf = parseIsoInstantOption('as-of', values['as-of']);
    if (command === 'users') return users(dataDir, rest, values.role, out);
    if (command === 'rebuild') {
      const api = values.api ?? `http://localhost:${process.env.PORT ?? 3000}`;
      if (values.api || (await apiAnswers(api))) return await rebuildThroughApi(api, one('read model name'), err);
    }
    const store = openEventStore(dataDir);
    // Opened only by the commands that read or erase personal data: verify and stats need no keys.
    let keys: KeyStore | undefined;
    const personalData = async () => new PersonalDataVault((keys ??= await openKeys(dataDir)));
    /** The complaint id named by its id or its register number. */
    const complaint = async (): Promise<string> => {
      const reference = one('complaint id or register number');
      const complaintId = await resolveComplaintReference(store, reference);
      if (complaintId === undefined) throw new UsageError(`No complaint ${reference}.`);
      return complaintId;
    };
    try {
      switch (command) {
        case 'verify':
          return await verify(store, values.stream && ((await resolveComplaintReference(store, values.stream)) ?? values.stream), out, err);
        case 'history':
          return await history(store, (keys = await openKeysIfAny(dataDir)), await complaint(), values.json ?? false, out, err);
        case 'replay':
          return await replay(store, await complaint(), asOf, out, await personalData());
        case 'erase': {
          const vault = await personalData();
          await erase(store, vault, await complaint(), { reason: values.reason, actor: values.actor ?? process.env.USER ?? 'ledger-cli' }, out);
          // On MongoDB the read models are the API's alone: its projections rewrite the fields as erased.
          if (process.env.MONGODB_URI) out.write('The API erases the fields in its read models on MongoDB as the erasure reaches them.\n');
          else out.write(SCRUBBED[await scrubReadModels(dataDir, store, vault, err)]);
          return 0;
        }
        case 'access-log':
          return await accessLog(store, { from: values.from, to: values.to, actor: values.actor, json: values.json ?? false }, out);
        case 'stats': {
          const groupBy = values['group-by'];
          if (groupBy !== 'day' && groupBy !== 'month' && groupBy !== 'year') throw new UsageError('--group-by is day, month or year.');
          const breakdown = values.breakdown as StatisticsBreakdown;
          if (!STATISTICS_BREAKDOWNS.includes(breakdown)) throw new UsageError(`--breakdown is ${STATISTICS_BREAKDOWNS.join(', ')}.`);
          const basis = values.basis as StatisticsBasis;
          if (!STATISTICS_BASES.includes(basis)) throw new UsageError(`--basis is ${STATISTICS_BASES.join(' or ')}.`);
          // The deployment's days and months, as the API's report counts them (issue 14).
          const timeZone = process.env.LEDGER_TIME_ZONE || undefined;
          return await stats(store, { ...period, groupBy, breakdown, basis, json: values.json ?? false, ...(timeZone && { timeZone }) }, out);
        }
        case 'rebuild': {
          const documents = await openReadModels(dataDir);
          try {
            return await rebuildHere(new UnsealingEventStore(store, await personalData()), documents, one('read model name'), err);
          } finally {
            await documents.close();
          }
        }
        default:
          throw new UsageError(`Unknown command "${command}".`);
      }
    } finally {
      await keys?.close();
      await store.close();
    }
  } catch (error) {
    if (error instanceof KeysNotFoundError) {
      err.write(`${error.message}\n`);
      return 3;
    }
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
    err.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
};

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Not 1: that code says a chain is broken, and scripts act on it.
      console.error(error);
      process.exit(4);
    },
  );
}
