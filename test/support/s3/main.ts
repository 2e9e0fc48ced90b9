import { S3TestServer } from './s3-test-server';

// Test equipment: the S3 test server on a fixed port, to try the S3 blob store without MinIO
// (`npm run test-server:s3 -- --port 9000 --bucket evidence`). In memory: everything is gone when it stops.
const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};

void S3TestServer.start({ buckets: [argument('bucket', 'evidence')] }, Number(argument('port', '9000'))).then((server) => {
  console.log(`S3 test server on ${server.endpoint} (access key ${server.accessKeyId}, secret ${server.secretAccessKey}); in memory`);
});
