import { parseArgs } from 'node:util';
import { history } from './commands/history.command';
import { verify } from './commands/verify.command';
import { openEmbeddedStore, UsageError } from './embedded-store';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  verify [--stream <complaint id | stream id>]   verify the hash chain of one case, or of every stream
  history <complaint id> [--json]                 print a case's events in order: who, when, what

Options:
  --data-dir <dir>   the data directory (default: $DATA_DIR or ./data)
  --help             this text

Exit codes: 0 success, 1 a chain is broken, 2 usage error.
`;

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
        'data-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out.write(USAGE);
      return values.help ? 0 : 2;
    }
    const store = openEmbeddedStore(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
    try {
      if (command === 'verify') return await verify(store, values.stream, out, err);
      if (command === 'history') {
        if (rest.length !== 1) throw new UsageError('history needs exactly one complaint id.');
        return await history(store, rest[0], values.json ?? false, out);
      }
      throw new UsageError(`Unknown command "${command}".`);
    } finally {
      await store.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
    err.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
};

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
