import { S3TestServer } from './s3-test-server';
import { verifySignature } from './sigv4';

// The test server is only worth its contract runs if it refuses what S3 refuses: the verifier against AWS's own
// published example (Signature Version 4, "GET Object"), and unsigned requests over the wire.
describe('the S3 test server', () => {
  const secretOf = (id: string) => (id === 'AKIAIOSFODNN7EXAMPLE' ? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' : undefined);
  const awsExample = {
    method: 'GET',
    url: '/test.txt',
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-amz-date': '20130524T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    },
  };

  it("accepts AWS's published SigV4 example, and refuses it once a signed header or the path changes", () => {
    expect(verifySignature(awsExample, secretOf)).toEqual({ valid: true, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    expect(verifySignature({ ...awsExample, headers: { ...awsExample.headers, range: 'bytes=0-99' } }, secretOf)).toMatchObject({ valid: false, code: 'SignatureDoesNotMatch' });
    expect(verifySignature({ ...awsExample, url: '/other.txt' }, secretOf)).toMatchObject({ valid: false, code: 'SignatureDoesNotMatch' });
    expect(verifySignature(awsExample, () => undefined)).toMatchObject({ valid: false, code: 'InvalidAccessKeyId' });
  });

  it('refuses a request without a signature the way S3 does: 403 with an XML error, nothing stored', async () => {
    const server = await S3TestServer.start({ buckets: ['b'] });
    try {
      const response = await fetch(`${server.endpoint}/b/key`, { method: 'PUT', body: 'x' });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Code>AccessDenied</Code>');
      expect(server.keys('b')).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
