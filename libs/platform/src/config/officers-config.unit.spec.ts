import { loadConfig } from './app-config';

// Issue 14: OFFICERS, the allow-list of people who may be made responsible for a case.
describe('OFFICERS', () => {
  it('is unset by default: the directory says who the officers are', () => {
    expect(loadConfig({}).officers).toBeUndefined();
  });

  it('lists ids, trimmed', () => {
    expect(loadConfig({ OFFICERS: 'officer-a, officer-b' }).officers).toStrictEqual(['officer-a', 'officer-b']);
  });

  it('refuses what cannot be a person’s id', () => {
    expect(() => loadConfig({ OFFICERS: 'officer-a,officer b' })).toThrow(/OFFICERS contains "officer b"/);
  });
});
