// Under the name openstack-image-manager (OSISM runs /usr/local/bin/openstack-image-manager), the
// CLI is `scs-images manage`: the dispatch of main.ts, by the script's name or the program's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { asInvoked, main } from './main.js';

const OIM = 'openstack-image-manager';

describe('asInvoked', () => {
  it('leaves scs-images alone', () => {
    expect(asInvoked(['/usr/bin/node', '/x/bin/scs-images', 'check', '--cloud', 'a'], 'node')).toEqual([
      '/usr/bin/node',
      '/x/bin/scs-images',
      'check',
      '--cloud',
      'a',
    ]);
    expect(asInvoked(['/opt/scs-images', '/opt/scs-images', '--version'], 'scs-images')).toEqual(['/opt/scs-images', '/opt/scs-images', '--version']);
  });

  it('a launcher (symlink or copy of bin/scs-images) named openstack-image-manager runs manage', () => {
    expect(asInvoked(['/usr/bin/node', `/usr/local/bin/${OIM}`, '--cloud', 'x', '--images=/etc/images'], 'node')).toEqual([
      '/usr/bin/node',
      `/usr/local/bin/${OIM}`,
      'manage',
      '--cloud',
      'x',
      '--images=/etc/images',
    ]);
  });

  it('the single executable under that name runs manage: argv0 names it, argv[1] is the resolved executable', () => {
    const exe = '/opt/scs/scs-images';
    expect(asInvoked([exe, exe, '--dry-run'], OIM)).toEqual([exe, exe, 'manage', '--dry-run']);
    expect(asInvoked([exe, exe, '--dry-run'], `/usr/local/bin/${OIM}`)).toEqual([exe, exe, 'manage', '--dry-run']);
    expect(asInvoked([exe, exe], `C:\\bin\\${OIM}.exe`.replaceAll('\\', '/'))).toEqual([exe, exe, 'manage']);
  });

  it('--version alone is the version of scs-images, also under the OIM name', () => {
    expect(asInvoked(['/opt/x', '/opt/x', '--version'], OIM)).toEqual(['/opt/x', '/opt/x', '--version']);
    expect(asInvoked(['/opt/x', '/opt/x', '--dry-run', '--version'], OIM)).toEqual(['/opt/x', '/opt/x', 'manage', '--dry-run', '--version']);
  });

  it('only the exact name: a similar name is not OIM', () => {
    expect(asInvoked(['/usr/bin/node', '/x/openstack-image-manager-old', 'check'], 'node')).toEqual([
      '/usr/bin/node',
      '/x/openstack-image-manager-old',
      'check',
    ]);
  });
});

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('main under the OIM name', () => {
  it("runs OIM's --check-only on a definitions file (the manage command, no cloud)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scs-oim-name-'));
    const file = path.join(dir, 'cirros.yml');
    writeFileSync(
      file,
      `images:
  - name: Cirros
    enable: true
    format: qcow2
    login: cirros
    min_disk: 1
    min_ram: 128
    status: active
    visibility: public
    multi: false
    meta:
      architecture: x86_64
      hw_disk_bus: scsi
      hypervisor_type: qemu
      os_distro: cirros
      replace_frequency: never
      uuid_validity: none
      provided_until: none
    tags: []
    versions:
      - version: '0.6.3'
        url: https://github.com/cirros-dev/cirros/releases/download/0.6.3/cirros-0.6.3-x86_64-disk.img
        build_date: 2024-09-26
`,
    );
    const stdout = new Collect();
    const stderr = new Collect();
    const io: CliIO = { stdout, stderr, env: {} };
    const code = await main(['/usr/bin/node', `/usr/local/bin/${OIM}`, '--check-only', `--images=${file}`], io);
    expect(code, stderr.text).toBe(0);
    expect(stdout.text).toMatch(/^1 file\(s\), 1 image definition\(s\) .*: valid\b/m);
  });
});
