import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertBlobKey, assertBlobPrefix, BlobStore, BlobStoreUnavailableError } from '../blob-store.port';

export interface S3BlobStoreOptions {
  /** The service's URL, e.g. http://minio:9000; unset for AWS S3 itself (the region's endpoint). */
  endpoint?: string;
  bucket: string;
  region?: string;
  /** Both or neither; neither: the SDK's default chain (AWS_* variables, an instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (http://host/bucket/key), which MinIO and most S3-compatible services expect. */
  forcePathStyle?: boolean;
  /** Gives up on a request after this long; a store that does not answer is unavailable, not slow forever. */
  requestTimeoutMs?: number;
}

/**
 * Blobs as objects of an S3 bucket through the AWS SDK: PutObject, GetObject, HeadObject, DeleteObject,
 * ListObjectsV2 (and HeadBucket/CreateBucket at start). A PutObject is acknowledged once the service has
 * stored the whole object, which S3 and MinIO make durable before answering.
 */
export class S3BlobStore implements BlobStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.location = `the S3 bucket ${options.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? true,
      credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
      // Checksums only where the API requires them: S3-compatible services differ in the newer flexible checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 2,
      requestHandler: { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: Math.min(options.requestTimeoutMs ?? 5_000, 5_000) },
    });
  }

  /**
   * At start: the bucket exists (created when missing and the credentials may create it). A bucket that
   * cannot be reached or used is said here, with the reason, rather than at the first upload.
   */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (error) {
      if (statusOf(error) !== 404) throw this.translated(error, 'check the bucket');
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(nameOf(error))) throw this.translated(error, 'create the bucket');
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    assertBlobKey(key);
    await this.call('store', () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream' })),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    assertBlobKey(key);
    return this.call('read', async () => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        return Buffer.from(await (object.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async has(key: string): Promise<boolean> {
    assertBlobKey(key);
    return this.call('look up', async () => {
      try {
        await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<boolean> {
    // S3's DeleteObject answers 204 whether or not there was an object: ask first.
    if (!(await this.has(key))) return false;
    await this.call('delete', () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    assertBlobPrefix(prefix);
    return this.call('list', async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    });
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async call<R>(what: string, request: () => Promise<R>): Promise<R> {
    try {
      return await request();
    } catch (error) {
      throw this.translated(error, what);
    }
  }

  /** Any failure of the service or the network is the port's "unavailable", with the service's own reason. */
  private translated(error: unknown, what: string): Error {
    if (error instanceof RangeError) return error;
    const reason = error instanceof S3ServiceException ? `${error.name} (HTTP ${error.$metadata.httpStatusCode}): ${error.message}` : String((error as Error)?.message ?? error);
    return new BlobStoreUnavailableError(`Could not ${what} in ${this.location}: ${reason}`, error);
  }
}

const statusOf = (error: unknown): number | undefined => (error as S3ServiceException)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown): string => (error as Error)?.name ?? '';
const isNotFound = (error: unknown): boolean => statusOf(error) === 404 || ['NoSuchKey', 'NotFound'].includes(nameOf(error));
