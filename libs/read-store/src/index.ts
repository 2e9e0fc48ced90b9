/** The DocumentStore port; each adapter has its own entry: `@app/read-store/sqlite`, `@app/read-store/mongo`. */
export * from './document-store.port';
