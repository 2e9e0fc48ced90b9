import { WrittenIds } from './written-ids';

describe('WrittenIds: the documents a rebuild wrote, in fixed memory', () => {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}-${((i * 2654435761) >>> 0).toString(16)}`);

  it('holds every id added (never a false "not written": that would insert a duplicate)', () => {
    const written = new WrittenIds(20);
    const added = [...ids('complaint', 50_000), ...Array.from({ length: 5000 }, () => crypto.randomUUID())];
    for (const id of added) written.add(id);
    expect(added.filter((id) => !written.mayHold(id))).toEqual([]);
  });

  it('rarely holds an id never added, at the load it is sized for', () => {
    const written = new WrittenIds(20);
    for (const id of ids('complaint', 50_000)) written.add(id); // ~21 bits per id, as 2^25 bits for 1.6 million
    const strangers = Array.from({ length: 20_000 }, () => crypto.randomUUID());
    const falsely = strangers.filter((id) => written.mayHold(id)).length;
    expect(falsely / strangers.length).toBeLessThan(0.01);
  });

  it('holds nothing when empty, and tells ids apart that differ in one character', () => {
    const written = new WrittenIds(16);
    expect(written.mayHold('complaint-1')).toBe(false);
    written.add('complaint-1');
    expect(written.mayHold('complaint-1')).toBe(true);
    expect(['complaint-2', 'complaint-10', 'Complaint-1', 'complaint-'].filter((id) => written.mayHold(id))).toEqual([]);
  });
});
