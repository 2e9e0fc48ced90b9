// The first bytes of the types whose content can be recognised: a file sent as image/jpeg must be one, so
// a browser or viewer given the download never meets something else under that type. Types not listed
// here (text/plain, image/heic) are taken as declared.
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/jpeg': (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** False when the type has a known signature and the bytes do not start with it. */
export const contentMatchesType = (bytes: Buffer, mediaType: string): boolean => SIGNATURES[mediaType]?.(bytes) ?? true;
