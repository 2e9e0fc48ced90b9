import { ConfigError, loadConfig } from '../config/app-config';
import { DEFAULT_EVIDENCE_MAX_BYTES, DEFAULT_EVIDENCE_MEDIA_TYPES } from './evidence-config';

describe('the evidence settings', () => {
  it('default to 10 MiB, photos, PDFs and text, kept in a directory under DATA_DIR', () => {
    expect(DEFAULT_EVIDENCE_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(loadConfig({}).evidence).toEqual({ maxBytes: DEFAULT_EVIDENCE_MAX_BYTES, mediaTypes: DEFAULT_EVIDENCE_MEDIA_TYPES, blobStore: { kind: 'directory' } });
  });

  it('take a size limit and a list of types (lowercased, without repeats)', () => {
    const { evidence } = loadConfig({ EVIDENCE_MAX_BYTES: '2048', EVIDENCE_MEDIA_TYPES: 'image/PNG, application/pdf,image/png' });
    expect(evidence).toMatchObject({ maxBytes: 2048, mediaTypes: ['image/png', 'application/pdf'] });
  });

  it('select S3 by its bucket, with the endpoint and credentials given', () => {
    const env = {
      BLOB_STORE_S3_ENDPOINT: 'http://minio:9000',
      BLOB_STORE_S3_BUCKET: 'complaint-evidence',
      BLOB_STORE_S3_ACCESS_KEY_ID: 'ledger',
      BLOB_STORE_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadConfig(env).evidence.blobStore).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'complaint-evidence',
      region: undefined,
      accessKeyId: 'ledger',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    expect(loadConfig({ BLOB_STORE_S3_BUCKET: 'on-aws', BLOB_STORE_S3_FORCE_PATH_STYLE: 'false' }).evidence.blobStore).toMatchObject({ kind: 's3', forcePathStyle: false });
  });

  it.each([
    [{ EVIDENCE_MAX_BYTES: '0' }, /EVIDENCE_MAX_BYTES="0" must be a whole number/],
    [{ EVIDENCE_MAX_BYTES: '10MB' }, /EVIDENCE_MAX_BYTES="10MB"/],
    [{ EVIDENCE_MEDIA_TYPES: 'jpeg' }, /EVIDENCE_MEDIA_TYPES contains "jpeg"/],
    [{ EVIDENCE_MEDIA_TYPES: 'application/json' }, /cannot hold application\/json/],
    [{ BLOB_STORE_S3_ENDPOINT: 'http://minio:9000' }, /BLOB_STORE_S3_ENDPOINT needs BLOB_STORE_S3_BUCKET/],
    [{ BLOB_STORE_S3_BUCKET: 'Bad_Bucket' }, /BLOB_STORE_S3_BUCKET="Bad_Bucket" is not a bucket name/],
    [{ BLOB_STORE_S3_BUCKET: 'ok-bucket', BLOB_STORE_S3_ENDPOINT: 'minio:9000' }, /BLOB_STORE_S3_ENDPOINT="minio:9000" must be the service's URL/],
    [{ BLOB_STORE_S3_BUCKET: 'ok-bucket', BLOB_STORE_S3_ACCESS_KEY_ID: 'ledger' }, /go together: set both, or neither/],
    [{ BLOB_STORE_S3_BUCKET: 'ok-bucket', BLOB_STORE_S3_FORCE_PATH_STYLE: 'yes' }, /BLOB_STORE_S3_FORCE_PATH_STYLE="yes" must be true or false/],
    [{ BLOB_STORE_S3_BUCKET: 'ok-bucket', BLOB_STORE_DIR: '/srv/evidence' }, /exclude each other/],
  ])('refuse %j at start with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
