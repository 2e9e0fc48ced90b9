import { EmbeddedDocumentStore } from '@app/read-store';
import { join } from 'node:path';
import { freshPerTest } from '../../../../test/support/fresh-per-test';
import { CHECKPOINTS } from './checkpoints';
import { REBUILD_LOCK_ID, RebuildInProgressError, RebuildLock, RebuildLockLostError } from './rebuild-lock';

describe('the rebuild lock', () => {
  const t = freshPerTest('rebuild-lock-', (dir) => ({ documents: new EmbeddedDocumentStore(join(dir, 'read-models.sqlite')) }));

  const acquireAll = (count: number, options = {}) =>
    Promise.allSettled(Array.from({ length: count }, (_, i) => RebuildLock.acquire(t.documents, `model-${i}`, [`model-${i}__rebuild`], options)));
  const winners = (results: PromiseSettledResult<RebuildLock>[]) => results.filter((r): r is PromiseFulfilledResult<RebuildLock> => r.status === 'fulfilled').map((r) => r.value);

  it('is held by exactly one of many asking at once; the others learn who holds it', async () => {
    const results = await acquireAll(6);
    const [winner, ...more] = winners(results);
    expect(more).toEqual([]);
    const refusals = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(refusals).toHaveLength(5);
    const holder = await RebuildLock.holder(t.documents);
    for (const refusal of refusals) expect(refusal).toEqual(expect.objectContaining({ code: 'rebuild-in-progress', rebuild: expect.objectContaining({ projection: holder!.projection, pid: process.pid }) }));
    expect(holder).toMatchObject({ stale: false });
    await winner.release();
    expect(await RebuildLock.holder(t.documents)).toBeNull();
    await (await RebuildLock.acquire(t.documents, 'again', [])).release();
  });

  it('is taken over by exactly one when its holder falls silent, and the old holder then may not swap', async () => {
    let now = Date.parse('2026-12-07T01:00:00Z');
    const clock = { now: () => now, staleAfterMs: 60_000 };
    const silent = await RebuildLock.acquire(t.documents, 'all', ['a__rebuild'], clock);
    await expect(RebuildLock.acquire(t.documents, 'all', [], clock)).rejects.toBeInstanceOf(RebuildInProgressError);
    now += 61_000;
    expect(await RebuildLock.holder(t.documents, clock)).toMatchObject({ projection: 'all', stale: true });
    const [taker, ...more] = winners(await acquireAll(4, clock));
    expect(more).toEqual([]);
    expect(taker.tookOverFrom).toMatchObject({ projection: 'all', collections: ['a__rebuild'] });
    await expect(silent.confirm()).rejects.toBeInstanceOf(RebuildLockLostError);
    // The old holder's release leaves the new holder's lock alone.
    await silent.release();
    expect(await t.documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toMatchObject({ projection: expect.stringMatching(/^model-/) });
    await expect(taker.confirm()).resolves.toBeUndefined();
    await taker.release();
  });
});
