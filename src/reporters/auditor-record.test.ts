import { describe, expect, it } from 'vitest';
import { connectionLabel, fixCommand } from './common.js';

describe("an auditor's record", () => {
  it('names who checked what, ids and names, no secret', () => {
    expect(
      connectionLabel({
        authUrl: 'https://keystone.example/v3',
        user: { id: 'u1', name: 'checker' },
        project: { id: 'p1', name: 'images' },
        imageEndpoint: 'https://glance.example',
      }),
    ).toBe('user checker (u1) in project images (p1) at https://keystone.example/v3; images from https://glance.example');
  });

  it('gives the command that fixes a property finding', () => {
    const image = { id: 'img-1', name: 'Ubuntu 24.04' };
    expect(fixCommand('scs-0104-v2-capi-properties', { level: 'error', message: 'm', image, property: 'os_purpose', expected: ['k8snode'] })).toBe(
      'openstack image set --property os_purpose=k8snode img-1',
    );
    expect(
      fixCommand('scs-0102-prop-architecture', { level: 'error', message: 'm', image, property: 'architecture', expected: ['x86_64', 'aarch64', 'risc-v'] }),
    ).toBe("openstack image set --property architecture='<one of: x86_64 aarch64 risc-v>' img-1");
    expect(fixCommand('scs-0102-prop-min_disk', { level: 'error', message: 'm', image, property: 'min_disk' })).toBe(
      'openstack image set --min-disk <GiB> img-1',
    );
    expect(
      fixCommand('scs-0102-prop-image_description', { level: 'error', message: 'm', image, property: 'image_description', expected: ['a non-empty value'] }),
    ).toBe("openstack image set --property image_description='<value>' img-1");
  });

  it('has no command where no property change helps', () => {
    const image = { id: 'img-1', name: 'x' };
    expect(fixCommand('scs-0102-prop-hash_algo', { level: 'error', message: 'm', image, property: 'os_hash_algo' })).toBeUndefined();
    expect(fixCommand('audit-img-1', { level: 'error', message: 'm', image, property: 'image_source' })).toBeUndefined();
    expect(fixCommand('scs-0104-image-ubuntu-2404', { level: 'error', message: 'Missing mandatory image' })).toBeUndefined();
  });
});
