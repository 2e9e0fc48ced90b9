import { Decider } from '@app/domain';
import { CommandEnvelope, WrongExpectedRevisionError } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_RESOLVES_CONFLICTS, CommandHandling, handleCommand, RETRY_ON_CONFLICT } from './handle-command';

// A counter that takes numbers one after another and refuses to go past a limit: enough to see the fold,
// the expected revision and the retry.
type Taken = { type: 'NumberTaken'; data: { n: number } };
type Take = { type: 'TakeNumber' };
const counter: Decider<Take, Taken, number, { limit: number }, string> = {
  decide: (_command, last, { limit }) => (last >= limit ? 'limit-reached' : [{ type: 'NumberTaken', data: { n: last + 1 } }]),
  evolve: (_last, event) => event.data.n,
  initialState: () => 0,
};
const envelope = (): CommandEnvelope => ({ commandId: `c-${Math.random()}`, correlationId: 'k', causationId: 'k', actor: { id: 'a', role: 'administrator' }, occurredAt: '2026-12-07T00:00:00.000Z', recordedAt: '2026-12-07T00:00:00.000Z' });

describe('handleCommand: the one way the ledger writes', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'handle-command-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const handling = (overrides: Partial<CommandHandling<Take, Taken, number, { limit: number }, string>> = {}): CommandHandling<Take, Taken, number, { limit: number }, string> => ({
    decider: counter,
    streamId: 'counter-1',
    read: 'stream',
    command: () => ({ type: 'TakeNumber' }),
    context: () => ({ limit: 5 }),
    schemaVersion: () => 1,
    envelope,
    retry: RETRY_ON_CONFLICT,
    ...overrides,
  });
  const numbers = async () => (await store.readStream('counter-1')).map((event) => (event.data as Taken['data']).n);

  it('decides on the folded stream and appends after the revision it read', async () => {
    for (let i = 0; i < 3; i++) expect((await handleCommand(store, handling())).outcome).toBe('appended');
    const last = await handleCommand(store, handling());
    expect(last.outcome === 'appended' && [last.state, last.append.nextExpectedRevision]).toEqual([4, 3n]);
    expect(await numbers()).toEqual([1, 2, 3, 4]);
  });

  it('answers a refusal as a value and appends nothing', async () => {
    const refused = await handleCommand(store, handling({ context: () => ({ limit: 0 }) }));
    expect(refused.outcome === 'rejected' && refused.rejection).toBe('limit-reached');
    expect(await numbers()).toEqual([]);
  });

  it('decides again on what a concurrent writer appended, by the retry policy', async () => {
    const concurrently = async (attempt: number) => {
      if (attempt === 1) await handleCommand(store, handling()); // lands between this command's read and its append
      return { type: 'TakeNumber' } as const;
    };
    const handled = await handleCommand(store, handling({ command: (_state, _events, attempt) => concurrently(attempt) }));
    expect(handled.outcome === 'appended' && handled.state).toBe(2);
    expect(await numbers()).toEqual([1, 2]);
  });

  it('leaves the conflict to the caller when the policy allows one attempt', async () => {
    const concurrently = async (attempt: number) => {
      if (attempt === 1) await handleCommand(store, handling());
      return { type: 'TakeNumber' } as const;
    };
    await expect(handleCommand(store, handling({ retry: CLIENT_RESOLVES_CONFLICTS, command: (_state, _events, attempt) => concurrently(attempt) }))).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await numbers()).toEqual([1]);
  });
});
