export * from './blob-store.port';
export * from './blob-store.factory';
export { BLOBS_DIRECTORY, DirectoryBlobStore } from './directory/directory-blob-store';
export { S3BlobStore } from './s3/s3-blob-store';
export type { S3BlobStoreOptions } from './s3/s3-blob-store';
