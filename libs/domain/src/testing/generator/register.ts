import { generateCase, GeneratedCase, instantOf, numberRegistration, receiptTimes } from './lifecycle';
import { seededRandom } from './random';

export interface RegisterOptions {
  seed: number;
  /** Complaints are received in [from, to): ISO dates or instants (UTC). */
  from: string;
  to: string;
  /** Nothing happens after this instant (default: `to`): recent complaints are still open. */
  now?: string;
}

/**
 * A whole register in memory: `count` complaints received between `from` and `to`, in the order of receipt, each
 * registration numbered gaplessly from 1 per year in the order the registrations happened. The same options give the
 * same register (ids, texts, times, numbers) on every machine. Complaints received after `now` never happened.
 */
export const generateRegister = (count: number, options: RegisterOptions): GeneratedCase[] => {
  const from = instantOf(options.from, 'from');
  const to = instantOf(options.to, 'to');
  const horizon = options.now === undefined ? to : instantOf(options.now, 'now');
  const receipts = receiptTimes(seededRandom(options.seed), count, from, to);
  const cases = Array.from(receipts, (receivedAt, index) => generateCase(index, options.seed, receivedAt, horizon)).filter(
    (generated) => generated.finalStatus !== 'none',
  );
  const sequences = new Map<number, number>();
  const registered = cases.filter((generated) => generated.registration);
  const at = (generated: GeneratedCase) => generated.registration?.at ?? 0;
  for (const generated of registered.sort((a, b) => at(a) - at(b) || a.index - b.index)) {
    const year = generated.registration?.year ?? 0;
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    numberRegistration(generated, sequence);
  }
  return cases;
};
