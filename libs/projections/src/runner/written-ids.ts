/**
 * The ids of the documents a rebuild wrote to its fresh collection, in a fixed amount of memory: a Bloom
 * filter. `mayHold` is never false for an id added (a document written is always looked up, upserted),
 * and rarely true for one never added (then it is looked up or upserted for nothing: correct, slower).
 * A Set of the ids grew with the register (~100 bytes per document: ~180 MiB at 600,000 complaints).
 */
export class WrittenIds {
  private readonly words: Uint32Array;
  private readonly blocks: number;

  /**
   * `log2Bits`: the filter's size; 2^25 bits (4 MiB) answer ~1% falsely at 3 million ids. Each id's
   * bits lie in one 512-bit block (one cache line): one memory access per id, not one per bit.
   */
  constructor(log2Bits = 25) {
    this.words = new Uint32Array(2 ** (log2Bits - 5));
    this.blocks = 2 ** (log2Bits - 9);
  }

  add(id: string): void {
    const [block, bits] = hashes(id);
    const base = (block & (this.blocks - 1)) * 16;
    for (let i = 0; i < PROBES; i++) {
      const bit = (bits >>> (i * 9)) & 511;
      this.words[base + (bit >>> 5)] |= 1 << (bit & 31);
    }
  }

  mayHold(id: string): boolean {
    const [block, bits] = hashes(id);
    const base = (block & (this.blocks - 1)) * 16;
    for (let i = 0; i < PROBES; i++) {
      const bit = (bits >>> (i * 9)) & 511;
      if ((this.words[base + (bit >>> 5)] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Bits set per id in its block, each chosen by its own 9 bits of the second hash (0–511). */
const PROBES = 3;

/** Two independent 32-bit hashes of the id's UTF-16 units (FNV-1a and a multiply-xorshift), for double hashing. */
const hashes = (id: string): [number, number] => {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
};
