import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ROOT_CAUSE_TAXONOMY } from '@app/domain';
import { ConfigError, loadConfig } from './app-config';

// Issue 14: the root-cause codes are the deployment's own, from a JSON file; a default list otherwise.
describe('the root-cause taxonomy of a deployment', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'root-causes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const taxonomy = { version: 'shop-2', rootCauses: [{ code: 'late-courier', label: 'The courier was late' }] };

  it('defaults to the built-in list', () => {
    expect(loadConfig({ DATA_DIR: dir }).rootCauses).toEqual(DEFAULT_ROOT_CAUSE_TAXONOMY);
  });

  it('reads root-causes.json under DATA_DIR, and ROOT_CAUSES_FILE before it', () => {
    writeFileSync(join(dir, 'root-causes.json'), JSON.stringify(taxonomy));
    expect(loadConfig({ DATA_DIR: dir }).rootCauses).toEqual(taxonomy);
    const elsewhere = join(dir, 'other.json');
    writeFileSync(elsewhere, JSON.stringify({ ...taxonomy, version: 'shop-3' }));
    expect(loadConfig({ DATA_DIR: dir, ROOT_CAUSES_FILE: elsewhere }).rootCauses.version).toBe('shop-3');
  });

  it('refuses to start with a file that is not JSON or not a list of kebab-case codes', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ not json');
    expect(() => loadConfig({ DATA_DIR: dir, ROOT_CAUSES_FILE: file })).toThrow(ConfigError);
    writeFileSync(file, JSON.stringify({ version: 'x', rootCauses: [{ code: 'Not Kebab', label: 'x' }] }));
    expect(() => loadConfig({ DATA_DIR: dir, ROOT_CAUSES_FILE: file })).toThrow(/ROOT_CAUSES_FILE/);
  });
});
