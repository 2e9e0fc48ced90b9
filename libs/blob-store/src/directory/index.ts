/** The directory adapter's own entry (the library's index exports the port and openBlobStore). */
export { BLOBS_DIRECTORY, DirectoryBlobStore } from './directory-blob-store';
