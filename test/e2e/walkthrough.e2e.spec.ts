import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueApiToken, ROOT, useApiProcess } from '../support/api-process';

/** Runs a command to its end; resolves with its exit code and output, whatever the code. */
const runScript = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(file, args, { cwd: ROOT, env, timeout: 170_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );

/**
 * docs/walkthrough.sh is the README's curl lifecycle as one script: pasted into a shell against a fresh
 * API, it creates the people with the CLI, keeps their tokens and takes a complaint from receipt to closure.
 */
describe('docs/walkthrough.sh against the built API on a fresh DATA_DIR', () => {
  const api = useApiProcess('the API of the walkthrough', 'ledger-walkthrough-');

  it('runs as pasted: every step answered, the case closed, each event recorded as the person who sent it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, API: api.server.base, DATA_DIR: api.dataDir, LEDGER: `${process.execPath} ${join(ROOT, 'bin/ledger')}` };
    for (const name of ['CLERK_TOKEN', 'OFFICER_TOKEN', 'MANAGER_TOKEN', 'AUDITOR_TOKEN']) delete env[name];
    const result = await runScript('bash', [join(ROOT, 'docs/walkthrough.sh')], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('== Done: complaint') });
    for (const step of ['1. received', '2. registered', '3. investigated', '3a. evidence', '4. answered', '5. compensated', '6. followed up', '7. closed'])
      expect(result.stderr).toContain(`== ${step}`);

    const [, id, registerNumber] = /== Done: complaint (\S+), register number (\d{4}-\d{6})/.exec(result.stderr) ?? [];
    const auditor = { Authorization: `Bearer ${issueApiToken(api.dataDir, 'auditor-check', 'auditor')}` };
    const view = (await (await fetch(`${api.server.base}/complaints/${id}`, { headers: auditor })).json()) as { complaint: unknown };
    expect(view.complaint).toMatchObject({
      status: 'closed',
      takenBy: 'clerk-anna',
      registration: { registerNumber },
      investigation: expect.objectContaining({ investigatedBy: 'officer-petrov' }),
      answer: expect.objectContaining({ signedBy: 'manager-georgieva' }),
      compensations: [expect.objectContaining({ approvedBy: 'manager-georgieva' })],
      evidence: [expect.objectContaining({ fileName: 'receipt-118842.txt', mediaType: 'text/plain', attachedBy: 'clerk-anna' })],
    });
    expect(result.stdout).toContain('Receipt 118842: Espresso machine EM-200, 249.00 EUR'); // downloaded, hash checked
    expect(await (await fetch(`${api.server.base}/complaints/${id}/verification`, { headers: auditor })).json()).toMatchObject({ valid: true });
  }, 180_000);

  it('stops at the first refused step with the server problem, non-zero', async () => {
    const env = { ...process.env, API: api.server.base, DATA_DIR: api.dataDir, CLERK_TOKEN: 'clt_unknown', OFFICER_TOKEN: 'x', MANAGER_TOKEN: 'x', AUDITOR_TOKEN: 'x' };
    const result = await runScript('bash', [join(ROOT, 'docs/walkthrough.sh')], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('"code":"unknown-token"');
    expect(result.stderr).not.toContain('== 2. registered');
  });
});

describe("the README's curl lifecycle, pasted into bash as it stands", () => {
  const api = useApiProcess('the API of the README', 'ledger-readme-');

  it('sets every token it uses and takes the case to its closure', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```bash\n(API=http:\/\/localhost:3000\n[\s\S]*?)```/.exec(readme)?.[1] as string;
    expect(block).toContain('CLERK_TOKEN=$(');
    // Only where the API listens differs; `set -e` so that the first failing line fails the test.
    const script = `set -euo pipefail\n${block.replace('API=http://localhost:3000', `API=${api.server.base}`)}\necho "CASE $ID $NUMBER"\n`;
    const result = await runScript('bash', ['-c', script], { ...process.env, DATA_DIR: api.dataDir });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const [, id, registerNumber] = /^CASE (\S+) (\d{4}-\d{6})$/m.exec(result.stdout) ?? [];
    expect(registerNumber).toBeDefined();
    const auditor = { Authorization: `Bearer ${issueApiToken(api.dataDir, 'auditor-check', 'auditor')}` };
    const view = (await (await fetch(`${api.server.base}/complaints/${registerNumber}`, { headers: auditor })).json()) as { complaint: unknown };
    expect(view.complaint).toMatchObject({ complaintId: id, status: 'closed', answer: expect.objectContaining({ signedBy: 'manager-georgieva' }) });
  }, 180_000);
});
