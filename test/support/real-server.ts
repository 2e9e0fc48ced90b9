/**
 * Runs a contract suite against a real server too, when the environment names one; otherwise a skipped test
 * says how to run it. The suites keep to names of their own, so a shared, long-lived server is fine.
 */
export const onRealServerWhenConfigured = <T>(configured: T | undefined, skipped: { suite: string; howTo: string }, run: (server: T) => void): void => {
  if (configured) return run(configured);
  describe(skipped.suite, () => {
    it.skip(skipped.howTo, () => undefined);
  });
};

/** What a contract's factory gives back for a store on a test server: dispose closes the store, then stops the server. */
export const onTestServer = <S extends { close(): Promise<void> }>(store: S, server: { stop(): Promise<void> } | { close(): Promise<void> }) => ({
  store,
  dispose: async () => {
    await store.close();
    await ('stop' in server ? server.stop() : server.close());
  },
});
