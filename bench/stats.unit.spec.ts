import { fmtRatio } from './stats';

describe('fmtRatio', () => {
  it('shows a ratio in the unit its target is stated in', () => {
    // A "≥ 2.5×" target missed at 1.98 was printed as "198%" beside targets in ×.
    expect(fmtRatio(1.98, 2.5)).toBe('1.98×');
    expect(fmtRatio(2.07, 2.5)).toBe('2.07×');
    expect(fmtRatio(12.74, 10)).toBe('12.7×');
    // A target stated as a share of a reference stays in per cent, even above 2.
    expect(fmtRatio(0.74, 0.9)).toBe('74%');
    expect(fmtRatio(2.3, 0.5)).toBe('230%');
  });
});
