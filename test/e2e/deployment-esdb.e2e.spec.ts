import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/api-process';

// No container engine runs here: docker-compose.yml is validated statically (Debian's docker-compose
// package), and the commands the images run are checked against the package scripts.

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
/** `node dist/...` as a compose/Dockerfile exec-form command: ["node", "dist/..."]. */
const execForm = (script: string): string => JSON.stringify(script.split(' ')).replace(/,/g, ', ');

describe('docker-compose.yml and the Dockerfile', () => {
  it('docker-compose.yml is valid for docker-compose', () => {
    let version: string;
    try {
      version = execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
    } catch {
      throw new Error('docker-compose is needed to validate docker-compose.yml: apt-get install -y docker-compose');
    }
    expect(version).toMatch(/\d+\.\d+/);
    // Throws, with docker-compose's message, when the file is invalid.
    execFileSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', stdio: 'pipe' });
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
    expect(compose.match(/healthcheck:/g)?.length).toBe(4);
  });
});
