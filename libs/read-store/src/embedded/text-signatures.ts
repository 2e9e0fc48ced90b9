import { Rec } from './sorted-index';

// A literal search (what literalPattern makes of user text) reads every text of the collection. A
// text that contains the literal contains each of its trigrams, so a small Bloom filter of a text's
// trigrams rules most texts out in a few bit tests, without reading the document; the others are
// searched as before. A signature belongs to one stored version of a document (versions never
// change); the collection signs the field it is searched by (CollectionState.searchesText).

const hashOf = (a: number, b: number, c: number): number => {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
};

/** Four bits per trigram, within 64 and 512 bits: 64 bytes at most, which V8 keeps inline. */
const bitsFor = (trigrams: number): number => {
  let bits = 64;
  while (bits < trigrams * 4 && bits < 512) bits *= 2;
  return bits;
};

/** Signs the version's text at `field` (a string; any other value has no signature). */
export const sign = (rec: Rec, field: string, text: unknown): void => {
  if (typeof text !== 'string') return;
  const bits = new Uint32Array(bitsFor(text.length - 2) >>> 5);
  const mask = bits.length * 32 - 1;
  for (let i = 0; i + 2 < text.length; i++) {
    const bit = hashOf(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)) & mask;
    bits[bit >>> 5] |= 1 << (bit & 31);
  }
  rec.signature = bits;
  rec.signedField = field;
};

/**
 * True when the version's signature shows that its text at `field` lacks a trigram of `literal`, so
 * cannot contain it; undefined for a literal without trigrams. Reads the signature only, never the
 * document: a version has a signature for a field only if its value there is a string.
 */
export const lacksLiteral = (field: string, literal: string): ((rec: Rec) => boolean) | undefined => {
  const hashes = new Set<number>();
  for (let i = 0; i + 2 < literal.length; i++) hashes.add(hashOf(literal.charCodeAt(i), literal.charCodeAt(i + 1), literal.charCodeAt(i + 2)));
  if (hashes.size === 0) return undefined;
  const trigrams = [...hashes];
  return (rec) => {
    if (rec.signedField !== field) return false;
    const bits = rec.signature!;
    const mask = bits.length * 32 - 1;
    for (const hash of trigrams) {
      const bit = hash & mask;
      if ((bits[bit >>> 5] & (1 << (bit & 31))) === 0) return true;
    }
    return false;
  };
};
