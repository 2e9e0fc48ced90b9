import { BlobStoreConfig } from '@app/blob-store';

/** Evidence files: how large, of which types, and where their (sealed) bytes are kept. */
export interface EvidenceConfig {
  maxBytes: number;
  /** Media types accepted, lowercase, e.g. image/jpeg. */
  mediaTypes: string[];
  blobStore: BlobStoreConfig;
}

export const DEFAULT_EVIDENCE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'application/pdf', 'text/plain'];
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
// S3's rules for bucket names: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// Read as JSON by the body parser, never by this route: such a file could not be stored as sent.
const JSON_TYPE = 'application/json';

type IntegerSetting = (name: string, fallback: number, min: number, max: number) => number;

/** Reads the evidence settings; adds one line per bad value to `problems`. */
export const loadEvidenceConfig = (env: NodeJS.ProcessEnv, problems: string[], integer: IntegerSetting): EvidenceConfig => {
  const maxBytes = integer('EVIDENCE_MAX_BYTES', DEFAULT_EVIDENCE_MAX_BYTES, 1, 1024 * 1024 * 1024);
  const listed = (env.EVIDENCE_MEDIA_TYPES ?? '')
    .split(',')
    .map((type) => type.trim().toLowerCase())
    .filter(Boolean);
  for (const type of listed)
    if (!MEDIA_TYPE.test(type)) problems.push(`EVIDENCE_MEDIA_TYPES contains "${type}", which is not a media type like image/jpeg.`);
    else if (type === JSON_TYPE) problems.push(`EVIDENCE_MEDIA_TYPES cannot hold ${JSON_TYPE}: such a body is read as a JSON request. Send JSON files as text/plain.`);
  return { maxBytes, mediaTypes: listed.length > 0 ? [...new Set(listed)] : DEFAULT_EVIDENCE_MEDIA_TYPES, blobStore: blobStoreConfig(env, problems) };
};

const blobStoreConfig = (env: NodeJS.ProcessEnv, problems: string[]): BlobStoreConfig => {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const endpoint = value('BLOB_STORE_S3_ENDPOINT');
  const bucket = value('BLOB_STORE_S3_BUCKET');
  const accessKeyId = value('BLOB_STORE_S3_ACCESS_KEY_ID');
  const secretAccessKey = value('BLOB_STORE_S3_SECRET_ACCESS_KEY');
  const region = value('BLOB_STORE_S3_REGION');
  const pathStyle = value('BLOB_STORE_S3_FORCE_PATH_STYLE') ?? 'true';
  const s3Settings = { BLOB_STORE_S3_ENDPOINT: endpoint, BLOB_STORE_S3_ACCESS_KEY_ID: accessKeyId, BLOB_STORE_S3_SECRET_ACCESS_KEY: secretAccessKey, BLOB_STORE_S3_REGION: region };
  if (!bucket) {
    const stray = Object.entries(s3Settings).filter(([, set]) => set !== undefined).map(([name]) => name);
    if (stray.length > 0) problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'need' : 'needs'} BLOB_STORE_S3_BUCKET: evidence goes to S3 only with a bucket named.`);
    return { kind: 'directory', directory: value('BLOB_STORE_DIR') };
  }
  if (!BUCKET.test(bucket)) problems.push(`BLOB_STORE_S3_BUCKET="${bucket}" is not a bucket name (3–63 lowercase letters, digits, "." and "-").`);
  if (endpoint !== undefined && !/^https?:\/\/[^/\s?#]+\/?$/.test(endpoint))
    problems.push(`BLOB_STORE_S3_ENDPOINT="${endpoint}" must be the service's URL, like http://minio:9000 or https://s3.eu-central-1.amazonaws.com.`);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    problems.push('BLOB_STORE_S3_ACCESS_KEY_ID and BLOB_STORE_S3_SECRET_ACCESS_KEY go together: set both, or neither (the AWS default credentials).');
  if (!['true', 'false'].includes(pathStyle)) problems.push(`BLOB_STORE_S3_FORCE_PATH_STYLE="${pathStyle}" must be true or false.`);
  if (value('BLOB_STORE_DIR')) problems.push('BLOB_STORE_DIR and BLOB_STORE_S3_BUCKET exclude each other: evidence is kept in one place.');
  return { kind: 's3', endpoint, bucket, region, accessKeyId, secretAccessKey, forcePathStyle: pathStyle !== 'false' };
};
