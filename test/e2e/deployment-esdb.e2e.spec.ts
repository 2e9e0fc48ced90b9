import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { loadConfig } from '../../apps/ledger-api/src/config/app-config';
import { ROOT } from '../support/api-process';

// No container engine runs here: docker-compose.yml is validated statically (parsed here, and by Debian's
// docker-compose where it is installed), and the commands the images run are checked against the package scripts.

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Compose {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      depends_on?: Record<string, unknown>;
      volumes?: string[];
      environment?: Record<string, string>;
      entrypoint?: string[];
      profiles?: string[];
    }
  >;
  volumes: Record<string, unknown>;
}

const hasDockerCompose = (): boolean => {
  try {
    execFileSync('docker-compose', ['version', '--short'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
/** `node dist/...` as a compose/Dockerfile exec-form command: ["node", "dist/..."]. */
const execForm = (script: string): string => JSON.stringify(script.split(' ')).replace(/,/g, ', ');

describe('docker-compose.yml and the Dockerfile', () => {
  it('docker-compose.yml is a Compose file whose services, volumes and dependencies all resolve', () => {
    // Compose files use YAML merge keys (<<: *anchor), which js-yaml 5 reads only with its merge tag.
    const compose = load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
    const services = Object.keys(compose.services);
    expect(services.sort()).toEqual(['api', 'cli', 'eventstore', 'minio', 'mongodb', 'projector']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, image: service.image ?? service.build }).toEqual({ name, image: expect.anything() });
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(services).toContain(dependency);
      for (const volume of service.volumes ?? []) expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0]);
    }
    // One writer per read model: the projector projects, the API follows its checkpoints.
    expect(compose.services.api.environment).toMatchObject({ PROJECTIONS: 'external', EVENTSTORE_CONNECTION_STRING: expect.any(String), MONGODB_URI: expect.any(String) });
    expect(compose.services.projector.environment).toMatchObject({ EVENTSTORE_CONNECTION_STRING: expect.any(String), MONGODB_URI: expect.any(String) });
    expect(compose.services.projector.environment).not.toHaveProperty('PROJECTIONS');
    // Where Debian's docker-compose is installed, it validates the file too (it throws with its message).
    if (hasDockerCompose()) execFileSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', stdio: 'pipe' });
  });

  it('runs every CLI command inside the deployment: `ledger` on the PATH of the image, on the stores and users of the API', () => {
    const compose = load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
    const { api, projector, cli } = compose.services;
    // The users (users.sqlite) the CLI adds are the ones both the API and the projector authenticate.
    const usersVolume = api.volumes?.find((volume) => volume.endsWith(':/app/data'));
    expect(usersVolume).toBeDefined();
    expect(projector.volumes).toContain(usersVolume);
    // `docker compose run --rm cli <command>`: the image's CLI on the same stores, without starting with `up`.
    expect(cli).toMatchObject({ image: api.image, entrypoint: ['ledger'], profiles: ['tools'] });
    expect(cli.volumes).toContain(usersVolume);
    expect(cli.environment).toMatchObject({ EVENTSTORE_CONNECTION_STRING: api.environment?.EVENTSTORE_CONNECTION_STRING, MONGODB_URI: api.environment?.MONGODB_URI });
    // The runtime image holds the built CLI and its launcher, on the PATH as `ledger`, without dev dependencies.
    const runtime = read('Dockerfile').slice(read('Dockerfile').lastIndexOf('\nFROM '));
    expect(scripts.build).toContain('nest build ledger-cli');
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist dist$/m);
    expect(runtime).toMatch(/^COPY bin bin$/m);
    expect(runtime).toMatch(/ln -s \/app\/bin\/ledger \/usr\/local\/bin\/ledger/);
    expect(scripts.cli).toBe('node bin/ledger'); // `npm run cli` needs no build tool either
    // The operator's guide says how to create the first user and reach the projector's rebuild.
    const guide = read('docs/production.md');
    expect(guide).toContain('docker compose exec api ledger users add');
    expect(guide).toContain('docker compose run --rm cli');
    expect(guide).toMatch(/ledger rebuild all --api http:\/\/projector:3001/);
  });

  it('runs the API and the projector with the commands of the package scripts', () => {
    const compose = read('docker-compose.yml');
    const dockerfile = read('Dockerfile');
    expect(scripts['start:prod']).toBe('node dist/apps/ledger-api/src/main.js');
    expect(scripts['start:projector']).toBe('node dist/apps/projector/src/main.js');
    expect(dockerfile).toContain(`CMD ${execForm(scripts['start:prod'])}`);
    expect(compose).toContain(`command: ${execForm(scripts['start:prod'])}`);
    expect(compose).toContain(`command: ${execForm(scripts['start:projector'])}`);
    expect(dockerfile).toContain('RUN npm run build');
    expect(scripts.build).toContain('nest build projector');
  });

  it('runs the images with the Node options every npm script gets from .npmrc (ADR 0008)', () => {
    const nodeOptions = /^node-options=(.+)$/m.exec(read('.npmrc'))?.[1];
    expect(nodeOptions).toContain('--max-semi-space-size=');
    const runtime = read('Dockerfile').slice(read('Dockerfile').lastIndexOf('\nFROM '));
    expect(runtime).toMatch(new RegExp(`^ENV .*NODE_OPTIONS=${nodeOptions}( |$)`, 'm'));
  });

  it('builds in stages, installs production dependencies only for the runtime, and runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toContain('npm ci --omit=dev');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  it('gives EventStoreDB 24.10 and MongoDB volumes, and the apps the connection strings they need', () => {
    const compose = read('docker-compose.yml');
    expect(compose).toContain('image: eventstore/eventstore:24.10');
    expect(compose).toMatch(/eventstore-data:\/var\/lib\/eventstore/);
    expect(compose).toMatch(/eventstore-logs:\/var\/log\/eventstore/);
    expect(compose).toMatch(/mongodb-data:\/data\/db/);
    expect(compose).toContain('EVENTSTORE_CONNECTION_STRING: esdb://eventstore:2113?tls=false');
    expect(compose).toMatch(/MONGODB_URI: mongodb:\/\//);
    expect(compose.match(/healthcheck:/g)?.length).toBe(5);
  });

  it('keeps evidence files in MinIO: the API is given the S3 settings it validates at start, after MinIO is healthy', () => {
    const compose = load(read('docker-compose.yml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as Compose;
    const { api, minio } = compose.services;
    expect(minio.image).toMatch(/minio\/minio:RELEASE\./);
    expect(minio.volumes).toContain('minio-data:/data');
    expect(api.depends_on).toHaveProperty('minio');
    // The API's own validation accepts exactly these settings (defaults of the ${...} substitutions filled in).
    const filled = Object.fromEntries(Object.entries(api.environment ?? {}).map(([name, value]) => [name, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
    const s3 = Object.fromEntries(Object.entries(filled).filter(([name]) => name.startsWith('BLOB_STORE_S3_')));
    expect(loadConfig(s3).evidence.blobStore).toMatchObject({ kind: 's3', endpoint: 'http://minio:9000', bucket: expect.any(String), accessKeyId: expect.any(String) });
    expect(s3.BLOB_STORE_S3_ACCESS_KEY_ID).toBe(String(minio.environment?.MINIO_ROOT_USER).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1'));
    expect(s3.BLOB_STORE_S3_SECRET_ACCESS_KEY).toBe(String(minio.environment?.MINIO_ROOT_PASSWORD).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1'));
    expect(read('docs/production.md')).toContain('BLOB_STORE_S3_BUCKET');
  });
});
