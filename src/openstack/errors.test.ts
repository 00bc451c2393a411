import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConfigError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ServerError,
  TooManyRequestsError,
  UnauthorizedError,
  httpErrorFor,
  isHttpStatus,
} from './errors.js';
import { parseErrorDetails } from './http/error-body.js';
import { REDACTED, redactHeaders, redactJson, redactText, redactUrl, registerSecret, safeOutput } from '../util/redact.js';

describe('httpErrorFor', () => {
  it.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, TooManyRequestsError],
    [500, ServerError],
    [503, ServerError],
    [418, HttpError],
  ])('%i → %o', (status, cls) => {
    const err = httpErrorFor({ status, method: 'GET', url: 'http://h/x' });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.name).toBe(cls.name);
    expect(isHttpStatus(err, status)).toBe(true);
    expect(isHttpStatus(err, 999)).toBe(false);
  });

  it('JSON-serialises its fields', () => {
    const err = httpErrorFor({ status: 404, method: 'GET', url: 'http://h/x', requestId: 'req-1', details: 'gone' });
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'NotFoundError',
      status: 404,
      method: 'GET',
      url: 'http://h/x',
      requestId: 'req-1',
      details: 'gone',
    });
    expect(err.stack?.startsWith('NotFoundError: GET http://h/x returned HTTP 404: gone [req-1]')).toBe(true);
  });
});

describe('parseErrorDetails', () => {
  it('reads Glance, Keystone, wrapped and HTML bodies', () => {
    expect(parseErrorDetails('', { message: '409 Conflict<br /><br />\nImage name exists\n\n', code: '409 Conflict', title: 'Conflict' })).toBe(
      '409 Conflict Image name exists',
    );
    expect(parseErrorDetails('', { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } })).toBe(
      'The request you have made requires authentication.',
    );
    expect(parseErrorDetails('', { itemNotFound: { message: 'Image not found.', code: 404 } })).toBe('Image not found.');
    expect(parseErrorDetails('', { title: 'Teapot' })).toBe('Teapot');
    expect(parseErrorDetails('<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>', undefined)).toBe('502 Bad Gateway');
    expect(parseErrorDetails('x'.repeat(600), undefined)).toHaveLength(501);
  });

  it("a peer's escape sequences and control characters come out escaped, in JSON and in HTML", () => {
    const json = parseErrorDetails('', { message: 'Forbidden \u001b]0;owned\u0007\u001b[2J\u001b[31mred\u202e' });
    expect(json).toBe('Forbidden \\x1b]0;owned\\x07\\x1b[2J\\x1b[31mred\\u202e');
    const html = parseErrorDetails('<html><body><h1>400 Bad Request</h1>\u001b[1A\u001b[2Kscs-images: ok\r\u009b</body></html>', undefined);
    expect(html).toBe('400 Bad Request \\x1b[1A\\x1b[2Kscs-images: ok \\x9b');
  });
});

describe('messages quoting a peer', () => {
  it('an HttpError from a hostile body or request id holds no control character', () => {
    const err = httpErrorFor({ status: 403, method: 'GET', url: 'http://h/v2/images', details: 'no\u001b[2J', requestId: 'req-\u001b]0;x\u0007' });
    expect(err.message).toBe('GET http://h/v2/images returned HTTP 403: no\\x1b[2J [req-\\x1b]0;x\\x07]');
    expect(err.requestId).toBe('req-\\x1b]0;x\\x07');
    expect(/[\u0000-\u001f\u007f-\u009f]/.test(err.message)).toBe(false);
  });
  it('an OpenStackError keeps its own newlines and escapes everything else', async () => {
    const { OpenStackError } = await import('./errors.js');
    expect(new OpenStackError('line one\nline \u001b[31mtwo\r').message).toBe('line one\nline \\x1b[31mtwo\\x0d');
  });
});

describe('ConfigError and ConnectionError', () => {
  it('ConfigError says file, line and key', () => {
    expect(new ConfigError('bad value', { file: '/c.yaml', line: 3, key: 'clouds.a.api_timeout' }).message).toBe(
      '/c.yaml:3: bad value (key: clouds.a.api_timeout)',
    );
  });
  it('ConnectionError keeps a sanitised cause with its code', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED http://u:pw-secret-1@h'), { code: 'ECONNREFUSED' });
    const err = new ConnectionError({ method: 'GET', url: 'http://h/', code: 'ECONNREFUSED', reason: 'refused' }, { cause });
    expect(err.message).toBe('GET http://h/ failed: refused (ECONNREFUSED)');
    expect((err.cause as Error).message).toBe(`connect ECONNREFUSED http://u:${REDACTED}@h`);
    expect((err.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

describe('redaction', () => {
  it('removes registered secret values anywhere', () => {
    registerSecret('registered-value-42');
    expect(redactText('x registered-value-42 y')).toBe(`x ${REDACTED} y`);
    registerSecret('abc'); // too short to register safely
    expect(redactText('abc')).toBe('abc');
  });

  it('redacts headers, URLs and JSON by name', () => {
    expect(redactHeaders({ 'X-Auth-Token': 't', 'x-subject-token': 't', Accept: 'application/json' })).toEqual({
      'X-Auth-Token': REDACTED,
      'x-subject-token': REDACTED,
      Accept: 'application/json',
    });
    expect(redactUrl('http://u:p4ss@h/x?token=t&limit=1&os_password=p')).toBe(`http://u:${REDACTED}@h/x?token=${REDACTED}&limit=1&os_password=${REDACTED}`);
    expect(
      redactJson({ auth: { identity: { password: { user: { name: 'u', password: 'p' } } }, application_credential_secret: 's' }, token: { id: 't' } }),
    ).toEqual({
      auth: { identity: { password: { user: { name: 'u', password: REDACTED } } }, application_credential_secret: REDACTED },
      token: { id: 't' },
    });
  });

  it('redacts textual patterns and Fernet tokens', () => {
    expect(redactText('X-Auth-Token: abc123 next')).toBe(`X-Auth-Token: ${REDACTED} next`);
    expect(redactText('{"password": "p\\"w", "name": "n"}')).toBe(`{"password": "${REDACTED}", "name": "n"}`);
    expect(redactText('GET /x?a=1&password=hunter2 HTTP/1.1')).toBe(`GET /x?a=1&password=${REDACTED} HTTP/1.1`);
    expect(redactText('token gAAAAABm0123456789abcdefghij_-xyz end')).toBe(`token ${REDACTED} end`);
  });
});

describe('safeOutput (every stderr line: handleError, fleet lines, serve, --debug)', () => {
  it('redacts, then escapes every control character but newline', () => {
    expect(safeOutput('error: X-Auth-Token: abcdef \u001b[2J\r\nnext line')).toBe(`error: X-Auth-Token: ${REDACTED} \\x1b[2J\\x0d\nnext line`);
  });
});
