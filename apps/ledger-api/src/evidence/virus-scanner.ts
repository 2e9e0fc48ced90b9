/** What a scanner says of a file: clean, or refused with the finding (e.g. the signature's name). */
export type ScanVerdict = { clean: true } | { clean: false; finding: string };

/**
 * The hook for a virus scanner: every evidence file passes it before it is stored; a refusal is answered
 * 422 evidence-refused-by-scanner and nothing is stored. A deployment binds an adapter (ClamAV's clamd,
 * an ICAP service) to VIRUS_SCANNER; a scanner that cannot be reached throws, and the upload is refused with 503
 * virus-scanner-unavailable (an unscanned file is never stored).
 */
export interface VirusScanner {
  scan(file: { bytes: Buffer; mediaType: string; sha256: string }): Promise<ScanVerdict>;
}

export const VIRUS_SCANNER = Symbol('VirusScanner');

/** The default: no scanner configured, every file passes. */
export class NoVirusScanner implements VirusScanner {
  async scan(): Promise<ScanVerdict> {
    return { clean: true };
  }
}
