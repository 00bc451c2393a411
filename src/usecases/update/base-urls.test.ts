import { describe, expect, it } from 'vitest';
import { BaseUrlError, envName, parseBaseUrls, rewriteUrl } from './base-urls.js';

const IDS = ['ubuntu', 'debian', 'centos-stream'];

describe('parseBaseUrls', () => {
  it('options and environment; the option wins', () => {
    const env = { SCS_IMAGES_UPSTREAM_UBUNTU: 'http://env.example', SCS_IMAGES_UPSTREAM_CENTOS_STREAM: 'http://c.example/x' };
    const m = parseBaseUrls(['ubuntu=http://127.0.0.1:8080/u', 'Debian=https://d.example'], env, IDS);
    expect(m.get('ubuntu')?.href).toBe('http://127.0.0.1:8080/u');
    expect(m.get('debian')?.href).toBe('https://d.example/');
    expect(m.get('centos-stream')?.href).toBe('http://c.example/x');
    expect(envName('centos-stream')).toBe('SCS_IMAGES_UPSTREAM_CENTOS_STREAM');
  });
  it.each([
    ['ubuntu', /expected <distribution>=<url>/],
    ['fedora=http://x', /unknown distribution 'fedora' \(known: ubuntu, debian, centos-stream\)/],
    ['ubuntu=not a url', /not a URL/],
    ['ubuntu=ftp://x', /http or https/],
    ['ubuntu=http://u:p@x', /credentials/],
  ])('refuses %s', (opt, message) => {
    expect(() => parseBaseUrls([opt], {}, IDS)).toThrow(BaseUrlError);
    expect(() => parseBaseUrls([opt], {}, IDS)).toThrow(message);
  });
});

describe('rewriteUrl', () => {
  it('replaces scheme, host and port; a base path goes in front', () => {
    const url = 'https://cloud-images.ubuntu.com/noble/20261120/SHA256SUMS';
    expect(rewriteUrl(url, new URL('http://127.0.0.1:9/'))).toBe('http://127.0.0.1:9/noble/20261120/SHA256SUMS');
    expect(rewriteUrl(url, new URL('http://127.0.0.1:9/mirror/'))).toBe('http://127.0.0.1:9/mirror/noble/20261120/SHA256SUMS');
    expect(rewriteUrl(url, undefined)).toBe(url);
  });
});
