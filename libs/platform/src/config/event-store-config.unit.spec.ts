import { ConfigError, loadConfig } from './app-config';

describe('EVENTSTORE_CONNECTION_STRING', () => {
  it('is unset by default: the embedded event store', () => {
    expect(loadConfig({}).eventStoreConnectionString).toBeUndefined();
  });

  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.example.com:2113', 'esdb://admin:changeit@a:2113,b:2113?tls=true'])(
    'accepts %s',
    (value) => {
      expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: value }).eventStoreConnectionString).toBe(value);
    },
  );

  it.each(['http://localhost:2113', 'localhost:2113', 'esdb://', 'mongodb://localhost'])('refuses %s with a clear message', (value) => {
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: value })).toThrow(/EVENTSTORE_CONNECTION_STRING must start with esdb:\/\/ or esdb\+discover:\/\//);
  });
});

describe('PROJECTIONS', () => {
  it('is in-process by default: the API writes its read models', () => {
    expect(loadConfig({}).projections).toBe('in-process');
    expect(loadConfig({ PROJECTIONS: 'external' }).projections).toBe('external');
  });

  it('refuses anything else with the values it takes', () => {
    expect(() => loadConfig({ PROJECTIONS: 'off' })).toThrow(/PROJECTIONS="off" must be one of: in-process, external/);
  });
});
