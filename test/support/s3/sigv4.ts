import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// AWS Signature Version 4 as S3 checks it (header-based authorization only): the canonical request, the
// string to sign and the derived signing key. The test server verifies every request with it, so an
// adapter that signs wrongly (a header changed after signing, a wrong secret) fails here as on S3.

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export type SignatureCheck = { valid: true; accessKeyId: string } | { valid: false; code: string; message: string };

const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
const hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** RFC 3986 unreserved characters stay; everything else is percent-encoded, as SigV4 requires. */
const encode = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const canonicalQuery = (query: string): string =>
  query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [encode(decodeURIComponent(name)), encode(decodeURIComponent(value))];
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

const headerValue = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
};

/** Checks the request's signature with the secret of the access key it names. */
export const verifySignature = (
  request: { method: string; url: string; headers: IncomingHttpHeaders },
  secretOf: (accessKeyId: string) => string | undefined,
): SignatureCheck => {
  const match = AUTHORIZATION.exec(headerValue(request.headers, 'authorization'));
  if (!match) return { valid: false, code: 'AccessDenied', message: 'Only AWS Signature Version 4 in the Authorization header is accepted.' };
  const [, accessKeyId, day, region, signedHeaders, signature] = match;
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return { valid: false, code: 'InvalidAccessKeyId', message: `The access key ${accessKeyId} does not exist here.` };
  const amzDate = headerValue(request.headers, 'x-amz-date');
  if (!amzDate.startsWith(day)) return { valid: false, code: 'AuthorizationHeaderMalformed', message: 'x-amz-date does not match the credential scope.' };
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date'))
    return { valid: false, code: 'AuthorizationHeaderMalformed', message: 'host and x-amz-date must be signed.' };
  const [path, query = ''] = request.url.split('?', 2);
  const canonical = [
    request.method,
    path,
    canonicalQuery(query),
    names.map((name) => `${name}:${headerValue(request.headers, name)}\n`).join(''),
    signedHeaders,
    headerValue(request.headers, 'x-amz-content-sha256') || 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonical)].join('\n');
  const key = [day, region, 's3', 'aws4_request'].reduce<Buffer | string>(hmac, `AWS4${secret}`);
  const expected = hmac(key, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
    ? { valid: true, accessKeyId }
    : { valid: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
};
