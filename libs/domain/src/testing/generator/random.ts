// The one source of randomness of the generated complaints: the same seed gives the same sequence everywhere.

/** mulberry32: small, fast and good enough; the same seed gives the same sequence everywhere. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = (): string => Math.floor(next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return {
    next,
    chance: (p: number): boolean => next() < p,
    between: (min: number, max: number): number => min + next() * (max - min),
    integer: (min: number, max: number): number => Math.floor(min + next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    weighted: <T>(choices: ReadonlyArray<readonly [T, number]>): T => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of choices) if ((roll -= weight) < 0) return value;
      return choices[choices.length - 1][0];
    },
    /** A version-4 UUID drawn from the sequence. */
    uuid: (): string => {
      const hex = word() + word() + word() + word();
      const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
};
export type Random = ReturnType<typeof seededRandom>;

/** A per-complaint seed, so each history depends only on the ledger's seed and the complaint's index. */
export const caseSeed = (seed: number, index: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};
