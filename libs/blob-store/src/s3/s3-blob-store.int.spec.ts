import { randomUUID } from 'node:crypto';
import { onRealServerWhenConfigured } from '../../../../test/support/real-server';
import { S3TestServer } from '../../../../test/support/s3/s3-test-server';
import { blobStoreContract } from '../blob-store.contract';
import { BlobStoreUnavailableError } from '../blob-store.port';
import { openBlobStore } from '../blob-store.factory';
import { S3BlobStore } from './s3-blob-store';

// The adapter through the unchanged AWS SDK client, against the protocol-level test server (which verifies
// every request's SigV4 signature). Pages of 3 keys, so that listing follows continuation tokens.
blobStoreContract('S3BlobStore (S3 test server)', async () => {
  const server = await S3TestServer.start({ buckets: ['evidence'], maxKeysPerPage: 3 });
  const options = { endpoint: server.endpoint, bucket: 'evidence', accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey };
  return { open: async () => new S3BlobStore(options), dispose: () => server.close() };
});

// And against a real S3 or MinIO when one is configured (the suite keeps to keys of its own under the bucket).
const { BLOB_STORE_S3_ENDPOINT: endpoint, BLOB_STORE_S3_BUCKET: bucket } = process.env;
onRealServerWhenConfigured(
  endpoint && bucket ? { endpoint, bucket } : undefined,
  {
    suite: 'BlobStore contract: S3BlobStore against a real S3 or MinIO',
    howTo: 'runs only when BLOB_STORE_S3_ENDPOINT and BLOB_STORE_S3_BUCKET are set (with BLOB_STORE_S3_ACCESS_KEY_ID/_SECRET_ACCESS_KEY, e.g. MinIO at http://localhost:9000)',
  },
  (real) => {
    const credentials = { region: process.env.BLOB_STORE_S3_REGION, accessKeyId: process.env.BLOB_STORE_S3_ACCESS_KEY_ID, secretAccessKey: process.env.BLOB_STORE_S3_SECRET_ACCESS_KEY };
    blobStoreContract(`S3BlobStore (${real.endpoint}, bucket ${real.bucket})`, async () => ({
      open: () => openBlobStore({ kind: 's3', ...real, ...credentials }, ''),
      dispose: async () => undefined,
    }));
  },
);

describe('S3BlobStore', () => {
  let server: S3TestServer;
  beforeEach(async () => (server = await S3TestServer.start()));
  afterEach(() => server.close());

  const options = (overrides: Partial<ConstructorParameters<typeof S3BlobStore>[0]> = {}) => ({
    endpoint: server.endpoint,
    bucket: 'evidence',
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    ...overrides,
  });

  it('creates its bucket at start when it is missing, and uses an existing one as it is', async () => {
    const blobs = await openBlobStore({ kind: 's3', ...options() }, '');
    await blobs.put('a/b', Buffer.from('x'));
    expect(server.keys('evidence')).toEqual(['a/b']);
    await blobs.close();
    const again = await openBlobStore({ kind: 's3', ...options() }, '');
    expect((await again.get('a/b'))?.toString()).toBe('x');
    await again.close();
    // Path-style addressing: the bucket is the first segment of the path, never a host name.
    expect(server.requests.every((request) => / \/evidence(\/|\?|$)/.test(request))).toBe(true);
  });

  it('refuses to start with credentials the service rejects, saying so (the signature is verified)', async () => {
    await expect(openBlobStore({ kind: 's3', ...options({ secretAccessKey: 'wrong' }) }, '')).rejects.toThrow(/SignatureDoesNotMatch|403/);
    await expect(openBlobStore({ kind: 's3', ...options({ accessKeyId: 'nobody' }) }, '')).rejects.toThrow(/InvalidAccessKeyId|403/);
  });

  it('refuses to start, with the reason, when the service cannot be reached', async () => {
    const endpoint = server.endpoint;
    await server.close();
    await expect(openBlobStore({ kind: 's3', ...options({ endpoint }) }, '')).rejects.toThrow(/Could not check the bucket in the S3 bucket evidence at http/);
    server = await S3TestServer.start(); // for afterEach
  });

  it('reports a service that is gone as unavailable, on every operation', async () => {
    const blobs = new S3BlobStore(options({ requestTimeoutMs: 2_000 }));
    await blobs.ensureBucket();
    await server.close();
    const key = `k-${randomUUID()}`;
    await expect(blobs.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(blobs.get(key)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(blobs.has(key)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(blobs.list('')).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await blobs.close();
    server = await S3TestServer.start(); // for afterEach
  });
});
