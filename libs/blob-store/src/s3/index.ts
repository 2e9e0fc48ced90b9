/** The S3 adapter's own entry (the library's index exports the port and openBlobStore). */
export { S3BlobStore } from './s3-blob-store';
export type { S3BlobStoreOptions } from './s3-blob-store';
