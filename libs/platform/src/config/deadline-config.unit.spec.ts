import { ConfigError, loadConfig } from './app-config';

// Issue 14: the statutory limit and the acknowledgement period are set per deployment.
describe('the deadline policy of a deployment', () => {
  it('defaults to an eight-week statutory limit (FCA DISP 1.6) and acknowledgement within one working day, under the default version', () => {
    expect(loadConfig({}).deadlinePolicy).toMatchObject({ version: 'default-1', statutoryLimitDays: 56, acknowledgementDays: 1 });
  });

  it('takes STATUTORY_LIMIT_DAYS and ACKNOWLEDGEMENT_DUE_DAYS, and names the changed policy after its content', () => {
    const policy = loadConfig({ STATUTORY_LIMIT_DAYS: '30', ACKNOWLEDGEMENT_DUE_DAYS: '3' }).deadlinePolicy;
    expect(policy).toMatchObject({ statutoryLimitDays: 30, acknowledgementDays: 3, version: expect.stringMatching(/^custom-/) });
  });

  it('refuses an answer period beyond the statutory limit, and limits that are not whole numbers', () => {
    expect(() => loadConfig({ ANSWER_DUE_DAYS: '40', STATUTORY_LIMIT_DAYS: '30' })).toThrow(/ANSWER_DUE_DAYS=40 lies beyond STATUTORY_LIMIT_DAYS=30/);
    expect(() => loadConfig({ STATUTORY_LIMIT_DAYS: 'eight weeks' })).toThrow(ConfigError);
    expect(() => loadConfig({ ACKNOWLEDGEMENT_DUE_DAYS: '0' })).toThrow(/ACKNOWLEDGEMENT_DUE_DAYS/);
  });
});
