import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from './sigv4';

interface StoredObject {
  bytes: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface S3TestServerOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Buckets that exist from the start. */
  buckets?: string[];
  /** The most keys one ListObjectsV2 page holds (S3: 1000), small to exercise continuation. */
  maxKeysPerPage?: number;
}

/**
 * Test equipment, never a product mode: the subset of the S3 REST API that the S3 blob store uses, spoken
 * over HTTP with path-style addressing (http://host/bucket/key), backed by memory. PutObject, GetObject,
 * HeadObject, DeleteObject, ListObjectsV2, HeadBucket, CreateBucket. Every request must carry a valid AWS
 * Signature Version 4 (verified, with the secret of its access key) and, when it names its payload's SHA-256
 * (x-amz-content-sha256), a body that has it; anything else is refused the way S3 refuses it, with an XML error.
 */
export class S3TestServer {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Every request, as "METHOD path?query", for tests that check what the adapter asked. */
  readonly requests: string[] = [];
  private readonly buckets = new Map<string, Map<string, StoredObject>>();
  private port?: number;

  private constructor(
    private readonly server: Server,
    options: S3TestServerOptions,
  ) {
    this.accessKeyId = options.accessKeyId ?? 'test-access-key';
    this.secretAccessKey = options.secretAccessKey ?? 'test-secret-key';
    for (const bucket of options.buckets ?? []) this.buckets.set(bucket, new Map());
  }

  static async start(options: S3TestServerOptions = {}, port = 0): Promise<S3TestServer> {
    let instance: S3TestServer | undefined;
    const server = createServer((request, response) => {
      void (instance as S3TestServer).handle(request, response, options.maxKeysPerPage ?? 1000);
    });
    instance = new S3TestServer(server, options);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return instance;
  }

  /** Where it listens; the same after close(), so a test can point a client at a server that is gone. */
  get endpoint(): string {
    this.port ??= (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  /** The bytes stored under a key, as the service holds them (for tests that tamper with them). */
  object(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.get(key)?.bytes;
  }

  /** Replaces the stored bytes behind the API's back: a damaged or tampered object. */
  overwrite(bucket: string, key: string, bytes: Buffer): void {
    const object = this.buckets.get(bucket)?.get(key);
    if (!object) throw new Error(`No object ${bucket}/${key} to overwrite.`);
    object.bytes = bytes;
  }

  keys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  async close(): Promise<void> {
    void this.endpoint; // remembered while it still listens
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse, maxKeysPerPage: number): Promise<void> {
    const url = request.url ?? '/';
    this.requests.push(`${request.method} ${url}`);
    const body = await readBody(request);
    const signature = verifySignature({ method: request.method ?? 'GET', url, headers: request.headers }, (id) => (id === this.accessKeyId ? this.secretAccessKey : undefined));
    if (!signature.valid) return error(response, 403, signature.code, signature.message, request.method);
    const payloadHash = request.headers['x-amz-content-sha256'];
    if (typeof payloadHash === 'string' && payloadHash.startsWith('STREAMING-'))
      return error(response, 501, 'NotImplemented', 'aws-chunked uploads are not supported by this test server.', request.method);
    if (typeof payloadHash === 'string' && /^[0-9a-f]{64}$/.test(payloadHash) && createHash('sha256').update(body).digest('hex') !== payloadHash)
      return error(response, 400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.', request.method);

    const [path, query = ''] = url.split('?', 2);
    const params = new URLSearchParams(query);
    const [bucketName, ...keyParts] = path.slice(1).split('/');
    const bucketId = decodeURIComponent(bucketName ?? '');
    const key = keyParts.map(decodeURIComponent).join('/');
    const bucket = this.buckets.get(bucketId);
    const method = request.method;

    if (!bucketId) return error(response, 501, 'NotImplemented', 'ListBuckets is not supported by this test server.', method);
    if (!key) {
      if (method === 'PUT') {
        if (bucket) return error(response, 409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', method);
        this.buckets.set(bucketId, new Map());
        response.setHeader('Location', `/${bucketId}`);
        return void response.writeHead(200).end();
      }
      if (!bucket) return error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist.', method);
      if (method === 'HEAD') return void response.writeHead(200).end();
      if (method === 'GET' && params.get('list-type') === '2') return this.list(response, bucketId, bucket, params, maxKeysPerPage);
      return error(response, 501, 'NotImplemented', `${method} on a bucket is not supported by this test server.`, method);
    }
    if (!bucket) return error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist.', method);
    const found = bucket.get(key);
    switch (method) {
      case 'PUT': {
        if (request.headers['x-amz-copy-source']) return error(response, 501, 'NotImplemented', 'CopyObject is not supported by this test server.', method);
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        bucket.set(key, { bytes: body, contentType: String(request.headers['content-type'] ?? 'binary/octet-stream'), etag, lastModified: new Date() });
        return void response.writeHead(200, { ETag: etag }).end();
      }
      case 'GET':
      case 'HEAD':
        if (!found) return error(response, 404, 'NoSuchKey', 'The specified key does not exist.', method);
        response.writeHead(200, {
          'Content-Type': found.contentType,
          'Content-Length': String(found.bytes.length),
          ETag: found.etag,
          'Last-Modified': found.lastModified.toUTCString(),
        });
        return void response.end(method === 'GET' ? found.bytes : undefined);
      case 'DELETE':
        bucket.delete(key);
        return void response.writeHead(204).end();
      default:
        return error(response, 501, 'NotImplemented', `${method} on an object is not supported by this test server.`, method);
    }
  }

  private list(response: ServerResponse, name: string, bucket: Map<string, StoredObject>, params: URLSearchParams, maxKeysPerPage: number): void {
    const prefix = params.get('prefix') ?? '';
    const maxKeys = Math.min(Number(params.get('max-keys') ?? maxKeysPerPage), maxKeysPerPage);
    const after = params.get('continuation-token') ? Buffer.from(params.get('continuation-token') as string, 'base64url').toString() : (params.get('start-after') ?? '');
    const matching = [...bucket.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const page = matching.slice(0, maxKeys);
    const truncated = matching.length > page.length;
    const contents = page
      .map((key) => {
        const object = bucket.get(key) as StoredObject;
        return `<Contents><Key>${xml(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${xml(object.etag)}</ETag><Size>${object.bytes.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]).toString('base64url')}</NextContinuationToken>` : '';
    response.writeHead(200, { 'Content-Type': 'application/xml' }).end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(name)}</Name><Prefix>${xml(prefix)}</Prefix>` +
        `<KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`,
    );
  }
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** S3's error document; a HEAD response has no body, so the status alone tells. */
const error = (response: ServerResponse, status: number, code: string, message: string, method?: string): void => {
  response.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': randomUUID() });
  response.end(method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
};
