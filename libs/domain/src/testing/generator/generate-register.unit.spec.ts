import { foldComplaint } from '../../index';
import { generateRegister } from './register';

const OPTIONS = { seed: 1207, from: '2025-01-01', to: '2026-10-31' };

describe('the complaint generator', () => {
  const register = generateRegister(300, OPTIONS);

  it('gives the same register for the same seed: ids, texts, times, numbers and envelopes', () => {
    expect(generateRegister(300, OPTIONS)).toStrictEqual(register);
  });

  it('gives another register for another seed', () => {
    const other = generateRegister(300, { ...OPTIONS, seed: 1208 });
    expect(other.map((generated) => generated.complaintId)).not.toEqual(register.map((generated) => generated.complaintId));
  });

  it('numbers the registrations of each year gaplessly from 1, in the order they happened', () => {
    const registrations = register
      .flatMap((generated) => generated.steps.flatMap((step) => step.events))
      .flatMap((event) => (event.type === 'ComplaintRegistered' ? [event.data] : []))
      .sort((a, b) => Date.parse(a.registeredAt) - Date.parse(b.registeredAt));
    for (const year of ['2025', '2026']) {
      const numbers = registrations.filter((registration) => registration.registeredAt.startsWith(year)).map((registration) => registration.registerNumber);
      expect(numbers.length).toBeGreaterThan(50);
      expect(numbers).toEqual(numbers.map((_, n) => `${year}-${String(n + 1).padStart(6, '0')}`));
    }
  });

  it('ends each history where the domain folds it, received by then', () => {
    for (const generated of register) {
      const folded = foldComplaint(generated.steps.flatMap((step) => step.events));
      expect(folded.status).toBe(generated.finalStatus);
    }
  });
});
