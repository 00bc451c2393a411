/**
 * Contract test of `scs-images upload` against a local stand-in for the compliance monitor's
 * `POST /reports` (compliance-monitor/monitor.py, described in SCS-PIPELINE.md 3.1): Basic auth
 * against its accounts, the exact content type, the body split at the end of the SSH signature
 * followed by `&`, the signature verified by the real `ssh-keygen -Y verify` against an
 * allowed_signers file of the account's keys (namespace `report`), every YAML document stored
 * under its run uuid (409 on a repeated one, and then nothing of the upload is kept).
 *
 * The CLI runs in-process through main(); the keys are throwaway ed25519 keys made per run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const SEP = '-----END SSH SIGNATURE-----\n&';
const PASSWORD = 'correct-horse-battery-staple';
const SUBJECT = 'gx-demo';

class Collect extends Writable {
  text = '';
  override _write(chunk: unknown, _enc: BufferEncoding, cb: () => void): void {
    this.text += String(chunk);
    cb();
  }
}

interface Key {
  file: string;
  type: string;
  blob: string;
}

function makeKey(dir: string, name: string): Key {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@test`, '-f', file]);
  const [type, blob] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ') as [string, string];
  return { file, type, blob };
}

interface Account {
  password: string;
  keys: Key[];
}

interface Received {
  contentType: string | undefined;
  user: string | undefined;
  status: number;
  detail: string;
  /** The signature was checked by ssh-keygen and it said yes. */
  verified: boolean;
}

/**
 * The monitor's upload endpoint, as far as an uploader can tell. `mode` lets a test make it
 * misbehave the way a real server or proxy can.
 */
class FakeMonitor {
  server: Server;
  url = '';
  accounts = new Map<string, Account>();
  stored = new Map<string, unknown>();
  received: Received[] = [];
  acceptTypes = new Set(['application/x-signed-yaml', 'application/x-signed-json']);
  mode: 'normal' | 'tamper' | 'hostile' | 'huge' | 'redirect' | 'silent' = 'normal';
  redirectTo = '';
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  reset(): void {
    this.stored.clear();
    this.received = [];
    this.mode = 'normal';
    this.acceptTypes = new Set(['application/x-signed-yaml', 'application/x-signed-json']);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const record: Received = { contentType: req.headers['content-type'], user: undefined, status: 0, detail: '', verified: false };
    this.received.push(record);
    const answer = (status: number, detail: string | null, headers: Record<string, string> = {}) => {
      record.status = status;
      record.detail = detail ?? 'null';
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(detail === null ? null : { detail }));
    };
    // holds the request open without a word (ended when the server closes)
    if (this.mode === 'silent') return;
    if (this.mode === 'redirect') return answer(307, 'moved', { location: this.redirectTo });
    if (this.mode === 'hostile') {
      record.status = 500;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`boom \u001b[2J\u001b[31mred\u001b]0;title\u0007 \u202eevil\r\nsecond line ${PASSWORD}`);
      return;
    }
    if (this.mode === 'huge') {
      record.status = 500;
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/reports') return answer(404, 'Not Found');

    // HTTPBasic: missing → 401 Not authenticated; unknown subject or wrong password → 401
    const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return answer(401, 'Not authenticated');
    const decoded = Buffer.from(auth[1] as string, 'base64').toString('utf8');
    const user = decoded.slice(0, decoded.indexOf(':'));
    record.user = user;
    const account = this.accounts.get(user);
    if (!account || decoded.slice(user.length + 1) !== account.password) return answer(401, 'Incorrect username or password');

    const type = req.headers['content-type'];
    if (!type || !this.acceptTypes.has(type)) return answer(415, 'Unsupported Media Type');

    const text = Buffer.concat(chunks).toString('utf8');
    const sep = text.indexOf(SEP);
    if (sep < 0) return answer(401, 'missing signature');
    const signature = text.slice(0, sep + SEP.length - 1);
    let report = text.slice(sep + SEP.length);
    if (this.mode === 'tamper') report = report.replace(/: 1\n/, ': -1\n');
    if (!(await this.verify(account.keys, signature, report))) return answer(401, 'verification failed');
    record.verified = true;

    const docs = type.endsWith('-yaml') ? parseAllDocuments(report).map((d) => d.toJS()) : [JSON.parse(report)];
    // stored only once every document went in: one duplicate rolls back the whole upload
    const staged = new Map<string, unknown>();
    for (const doc of docs as Array<{ subject: string; run: { uuid: string } }>) {
      if (doc.subject !== user) return answer(401, 'delegation problem?');
      if (this.stored.has(doc.run.uuid) || staged.has(doc.run.uuid)) return answer(409, 'Conflict: report already present');
      staged.set(doc.run.uuid, doc);
    }
    for (const [k, v] of staged) this.stored.set(k, v);
    return answer(200, null);
  }

  /** `ssh-keygen -Y verify -f allowed -I mail@csp.eu -n report -s sig < report`, as the monitor does. */
  private async verify(keys: Key[], signature: string, report: string): Promise<boolean> {
    const dir = mkdtempSync(join(this.dir, 'verify-'));
    try {
      const allowed = join(dir, 'allowed_signers');
      writeFileSync(allowed, keys.map((k) => `mail@csp.eu ${k.type} ${k.blob}\n`).join(''));
      writeFileSync(join(dir, 'sig'), signature);
      const child = spawn('ssh-keygen', ['-Y', 'verify', '-f', allowed, '-I', 'mail@csp.eu', '-n', 'report', '-s', join(dir, 'sig')], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      child.stdin.end(report);
      return (await new Promise<number | null>((resolve) => child.on('close', resolve))) === 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function reportYaml(o: { subject?: string; runUuid: string; results?: string; extra?: string }): string {
  const results = o.results ?? '        scs-0104-image-ubuntu-2404: 1\n        scs-0102-prop-architecture: -1\n';
  return `---
spec:
  uuid: 50393e6f-2ae1-4c5c-a62c-3b75f2abef3f
  name: SCS-compatible IaaS
  url: https://raw.githubusercontent.com/SovereignCloudStack/standards/main/Tests/scs-compatible-iaas.yaml
checked_at: 2026-09-01 10:00:00.000000
reference_date: 2026-09-01
subject: ${o.subject ?? SUBJECT}
run:
  uuid: ${o.runUuid}
  argv: [check]
  assignment: {os_cloud: ${o.subject ?? SUBJECT}}
  sections: null
  forced_version: v5.1
  forced_tests: null
  invocations:
    5d7e3c2a-1b4f-4e6d-8a9b-0c1d2e3f4a5b:
      id: 5d7e3c2a-1b4f-4e6d-8a9b-0c1d2e3f4a5b
      cmd: scs-images check
      results:
${results}      rc: 0
      stdout: []
      stderr: []
      info: 0
      warning: 0
      error: 0
      critical: 0
${o.extra ?? ''}`;
}

const RUN_A = '0b0c6a51-6a0e-4c47-9f1e-2f8f4d9e8a10';
const RUN_B = '7f3e2d1c-0b9a-4876-9543-210fedcba987';

let dir: string;
let key: Key;
let otherKey: Key;
let monitor: FakeMonitor;

async function runUpload(
  args: string[],
  env: Record<string, string> = { SCS_MONITOR_PASSWORD: PASSWORD },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collect();
  const stderr = new Collect();
  const io: CliIO = { stdout, stderr, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env } };
  const code = await main(['node', 'scs-images', 'upload', ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const signingDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith('scs-images-sign-'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'upload-test-'));
  key = makeKey(dir, 'report_key');
  otherKey = makeKey(dir, 'other_key');
  monitor = new FakeMonitor(dir);
  monitor.accounts.set(SUBJECT, { password: PASSWORD, keys: [key] });
  await monitor.start();
});

afterAll(async () => {
  monitor.server.closeAllConnections();
  await new Promise((resolve) => monitor.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => monitor.reset());

describe('scs-images upload against the monitor contract', () => {
  it('signs, uploads, and the monitor verifies the signature with the real ssh-keygen', async () => {
    const before = signingDirs();
    const report = file('ok.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`accepted by ${monitor.url}reports as ${SUBJECT} (HTTP 200 null)`);
    expect(monitor.received).toHaveLength(1);
    expect(monitor.received[0]).toMatchObject({ contentType: 'application/x-signed-yaml', user: SUBJECT, status: 200, verified: true });
    expect(monitor.stored.has(RUN_A)).toBe(true);
    // nothing left behind: no temp dir, no .sig next to the report
    expect(signingDirs()).toEqual(before);
    expect(readdirSync(dir).filter((n) => n.endsWith('.sig'))).toEqual([]);
  });

  it('uploads every document of a stream, and a repeated upload is a 409 with a hint', async () => {
    const report = file('two.yaml', reportYaml({ runUuid: RUN_A }) + reportYaml({ runUuid: RUN_B }));
    expect((await runUpload([report, '--monitor', monitor.url, '--key', key.file])).code).toBe(0);
    expect([...monitor.stored.keys()]).toEqual([RUN_A, RUN_B]);
    const again = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('HTTP 409');
    expect(again.stderr).toContain('hint: a report with this run uuid is already there');
  });

  it('a wrong password: exit 1 with the hint, and the password is in no output, not even --debug', async () => {
    const report = file('pw.yaml', reportYaml({ runUuid: RUN_A }));
    const wrong = 'not-the-password-4711';
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file, '--debug'], { SCS_MONITOR_PASSWORD: wrong });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 401');
    expect(r.stderr).toContain('Incorrect username or password');
    expect(r.stderr).toContain(`hint: wrong account or password (account ${SUBJECT}`);
    expect(r.stderr).toContain('debug: monitor POST');
    const basic = Buffer.from(`${SUBJECT}:${wrong}`).toString('base64');
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(wrong);
      expect(out).not.toContain(basic);
    }
    expect(monitor.stored.size).toBe(0);
  });

  it('a report changed after signing is refused (401 verification failed)', async () => {
    monitor.mode = 'tamper';
    const report = file('tampered.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(1);
    expect(monitor.received[0]).toMatchObject({ status: 401, detail: 'verification failed', verified: false });
    expect(r.stderr).toContain('verification failed');
    expect(r.stderr).toContain('hint: the signature was not verified with the keys of account gx-demo');
    expect(monitor.stored.size).toBe(0);
  });

  it('a key the account does not list: 401, and the hint names the key to register', async () => {
    const report = file('otherkey.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', otherKey.file]);
    expect(r.code).toBe(1);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', `${otherKey.file}.pub`], { encoding: 'utf8' }).split(' ')[1];
    expect(r.stderr).toContain(`register the signing key (ssh-ed25519 ${fingerprint})`);
  });

  it('two documents with one run uuid: refused locally (exit 2, file and field named), nothing sent', async () => {
    const report = file('dup.yaml', reportYaml({ runUuid: RUN_A }) + reportYaml({ runUuid: RUN_A, subject: 'other' }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${report}:`);
    expect(r.stderr).toContain('(document 2: run.uuid)');
    expect(r.stderr).toContain('409');
    expect(monitor.received).toHaveLength(0);
  });

  it('an invocation with empty results: refused locally (exit 2), nothing sent', async () => {
    const report = file('empty.yaml', reportYaml({ runUuid: RUN_A, results: '        {}\n' }).replace('      results:\n        {}', '      results: {}'));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.yaml:\d+:\d+ \(run\.invocations\.5d7e3c2a-1b4f-4e6d-8a9b-0c1d2e3f4a5b\.results\): is empty/);
    expect(monitor.received).toHaveLength(0);
  });

  it('a missing key field and a bad file among good ones: all named, nothing sent', async () => {
    const good = file('good.yaml', reportYaml({ runUuid: RUN_A }));
    const bad = file('nouuid.yaml', reportYaml({ runUuid: RUN_B }).replace(`  uuid: ${RUN_B}\n`, ''));
    const r = await runUpload([good, bad, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:10:3 (run.uuid): missing`);
    expect(monitor.received).toHaveLength(0);
  });

  it('a monitor that cannot be reached: exit 3', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const report = file('unreachable.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', `http://127.0.0.1:${port}`, '--key', key.file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the monitor could not be reached');
    expect(r.stderr).toContain('ECONNREFUSED');
  });

  it('no answer within --timeout: exit 3, and the file after it is not tried', async () => {
    monitor.mode = 'silent';
    const first = file('silent1.yaml', reportYaml({ runUuid: RUN_A }));
    const second = file('silent2.yaml', reportYaml({ runUuid: RUN_B }));
    const r = await runUpload([first, second, '--monitor', monitor.url, '--key', key.file, '--timeout', '0.3']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no answer within 0.3 s');
    expect(r.stderr).toContain(`${second}: not sent (the monitor could not be reached)`);
    expect(monitor.received).toHaveLength(1);
  });

  it('a hostile answer: escape sequences and control characters stripped, secrets redacted', async () => {
    monitor.mode = 'hostile';
    const report = file('hostile.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 500 boom');
    expect(r.stderr).toContain('second line ***');
    expect(r.stderr).not.toContain(PASSWORD);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('a huge answer is read only up to 64 KiB and shown clipped', async () => {
    monitor.mode = 'huge';
    const report = file('huge.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(answer cut after 65536 bytes)');
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it('a redirect is not followed: the credentials go to the given host only', async () => {
    const other = new FakeMonitor(dir);
    other.accounts.set(SUBJECT, { password: PASSWORD, keys: [key] });
    await other.start();
    try {
      monitor.mode = 'redirect';
      monitor.redirectTo = `${other.url}reports`;
      const report = file('redirect.yaml', reportYaml({ runUuid: RUN_A }));
      const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('HTTP 307');
      expect(r.stderr).toContain(`hint: the monitor redirected to ${other.url}reports`);
      expect(other.received).toHaveLength(0);
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
  });

  it('a JSON report goes as application/x-signed-json; a monitor that refuses it says 415, with the hint', async () => {
    const doc = parseAllDocuments(reportYaml({ runUuid: RUN_A }))[0]!.toJS() as unknown;
    const report = file('report.json', JSON.stringify(doc));
    monitor.acceptTypes = new Set(['application/x-signed-yaml']);
    const refused = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(refused.code).toBe(1);
    expect(monitor.received[0]?.contentType).toBe('application/x-signed-json');
    expect(refused.stderr).toContain('HTTP 415');
    expect(refused.stderr).toContain('hint: the monitor wants the content type application/x-signed-json exactly');
    monitor.reset();
    const ok = await runUpload([report, '--monitor', monitor.url, '--key', key.file]);
    expect(ok.code).toBe(0);
    expect(monitor.received[0]).toMatchObject({ contentType: 'application/x-signed-json', verified: true });
  });

  it("the official tooling's token file, and the key given as text in $SCS_IMAGES_SIGNING_KEY", async () => {
    const before = signingDirs();
    const token = file('tokenfile', `${Buffer.from(`${SUBJECT}:${PASSWORD}`).toString('base64')}\n`);
    const report = file('token.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--token-file', token], { SCS_IMAGES_SIGNING_KEY: readFileSync(key.file, 'utf8') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(monitor.received[0]).toMatchObject({ user: SUBJECT, verified: true });
    expect(signingDirs()).toEqual(before);
  });

  it('--password-file: its first line; --account names another account than the subject', async () => {
    monitor.accounts.set('delegate', { password: 'delegate-pw', keys: [key] });
    const pw = file('pwfile', 'delegate-pw\nignored\n');
    const report = file('delegate.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file, '--password-file', pw, '--account', 'delegate'], {});
    // the stand-in knows no delegation: the password was right, the subject is not the account's
    expect(monitor.received[0]).toMatchObject({ user: 'delegate', status: 401, detail: 'delegation problem?' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hint: account delegate may not upload reports for this subject');
  });

  it('--dry-run signs and checks but sends nothing, and says what it would send', async () => {
    const report = file('dry.yaml', reportYaml({ runUuid: RUN_A }));
    const r = await runUpload([report, '--monitor', monitor.url, '--key', key.file, '--dry-run'], {});
    expect(r.code).toBe(0);
    expect(monitor.received).toHaveLength(0);
    expect(r.stdout).toContain(`would POST ${monitor.url}reports`);
    expect(r.stdout).toContain(`account:       ${SUBJECT}`);
    expect(r.stdout).toContain('content type:  application/x-signed-yaml');
    expect(r.stdout).toContain(`public_key: ${key.blob}`);
    expect(r.stdout).toMatch(/signature \d+ bytes \+ '&' \+ report \d+ bytes = body \d+ bytes/);
  });

  it('usage errors: no key, no password, documents of several subjects without --account', async () => {
    const report = file('usage.yaml', reportYaml({ runUuid: RUN_A }));
    expect((await runUpload([report, '--monitor', monitor.url])).stderr).toContain('no signing key');
    const noPw = await runUpload([report, '--monitor', monitor.url, '--key', key.file], {});
    expect(noPw.code).toBe(2);
    expect(noPw.stderr).toContain('no monitor password');
    const mixed = file('mixed.yaml', reportYaml({ runUuid: RUN_A }) + reportYaml({ runUuid: RUN_B, subject: 'other' }));
    const r = await runUpload([mixed, '--monitor', monitor.url, '--key', key.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give the monitor account with --account');
    expect(monitor.received).toHaveLength(0);
  });
});
