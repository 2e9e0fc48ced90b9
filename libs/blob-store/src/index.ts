/** The BlobStore port and the configured store; each adapter has its own entry: `@app/blob-store/directory`, `@app/blob-store/s3`. */
export * from './blob-store.port';
export * from './blob-store.factory';
