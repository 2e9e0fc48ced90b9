import { join } from 'node:path';
import { BlobStore } from './blob-store.port';
import { BLOBS_DIRECTORY, DirectoryBlobStore } from './directory';
import { S3BlobStore, S3BlobStoreOptions } from './s3';

export type BlobStoreConfig = { kind: 'directory'; directory?: string } | ({ kind: 's3' } & S3BlobStoreOptions);

/** The configured blob store, ready to use: an S3 bucket is checked (and created when missing) first. */
export const openBlobStore = async (config: BlobStoreConfig, dataDir: string): Promise<BlobStore> => {
  if (config.kind === 'directory') return new DirectoryBlobStore(config.directory ?? join(dataDir, BLOBS_DIRECTORY));
  const store = new S3BlobStore(config);
  try {
    await store.ensureBucket();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
};
