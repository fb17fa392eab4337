import { describe, expect, it } from 'vitest';
import { blankPage, classifyError, classifyPage, hostOf, type PageArtifacts } from '../../packages/core/src/index.js';

const NATIONAL = ['dichvucong.gov.vn'];

/** A page as the probe records it, loaded from `url` unless told otherwise. */
const pageOf = (over: Partial<PageArtifacts>, url = 'https://dichvucong.hatinh.gov.vn/'): PageArtifacts => ({
  ...blankPage(url),
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ...over,
});

describe('classifyError: every browser error code into the closed set', () => {
  it.each([
    ['probe', 'error', 'probe'],
    ['probe:crash', 'error', 'probe'],
    ['guard:private-address', 'down', 'guard'],
    ['timeout', 'down', 'timeout'],
    ['net::ERR_TIMED_OUT', 'down', 'timeout'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'down', 'timeout'],
    ['net::ERR_NAME_NOT_RESOLVED', 'down', 'dns'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'down', 'dns'],
    ['net::ERR_ADDRESS_UNREACHABLE', 'down', 'dns'],
    ['net::ERR_CERT_DATE_INVALID', 'down', 'tls'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'down', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'down', 'tls'],
    ['net::ERR_BAD_SSL_CLIENT_AUTH_CERT', 'down', 'tls'],
    ['net::ERR_CONNECTION_REFUSED', 'down', 'refused'],
    ['net::ERR_CONNECTION_RESET', 'down', 'reset'],
    ['net::ERR_EMPTY_RESPONSE', 'down', 'reset'],
    ['net::ERR_CONNECTION_CLOSED', 'down', 'reset'],
    ['net::ERR_INCOMPLETE_CHUNKED_ENCODING', 'down', 'reset'],
    ['redirect-loop', 'down', 'redirect-loop'],
    ['net::ERR_TOO_MANY_REDIRECTS', 'down', 'redirect-loop'],
    ['download', 'down', 'download'],
    ['net::ERR_ABORTED (download started)', 'down', 'download'],
    ['too-large', 'down', 'too-large'],
    ['popup-storm', 'down', 'popup-storm'],
    ['net::ERR_UNSAFE_REDIRECT', 'down', 'guard'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'error', 'probe'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'error', 'probe'],
    ['net::ERR_NETWORK_CHANGED', 'down', 'network'],
    ['something we never saw', 'error', 'probe'],
  ])('%s → %s/%s', (code, status, reason) => {
    expect(classifyError(code)).toEqual({ status, reason });
  });
});

describe('classifyPage', () => {
  it('is null for a page that loaded and answered 2xx or 3xx', () => {
    expect(classifyPage(pageOf({}), NATIONAL)).toBeNull();
    expect(classifyPage(pageOf({ httpStatus: 304 }), NATIONAL)).toBeNull();
    expect(classifyPage(pageOf({ httpStatus: null }), NATIONAL)).toBeNull();
  });

  it('is consolidated when a provincial address ends on the national portal, whatever that answered', () => {
    const redirected = pageOf({
      finalUrl: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
      redirects: ['https://dichvucong.hatinh.gov.vn/', 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html'],
      httpStatus: 503,
      error: { code: 'net::ERR_CONNECTION_RESET', message: 'reset' },
    });
    expect(classifyPage(redirected, NATIONAL)).toEqual({ status: 'consolidated', reason: 'redirect-national' });
    // A subdomain of a national host counts; a look-alike host does not.
    expect(classifyPage(pageOf({ finalUrl: 'https://www.dichvucong.gov.vn/' }), NATIONAL)?.status).toBe('consolidated');
    expect(classifyPage(pageOf({ finalUrl: 'https://fakedichvucong.gov.vn/' }), NATIONAL)).toBeNull();
  });

  it('reads the last redirect hop when nothing loaded at the end of the chain', () => {
    const page = pageOf({
      finalUrl: null,
      redirects: ['https://dichvucong.hatinh.gov.vn/', 'https://dichvucong.gov.vn/'],
      error: { code: 'timeout', message: 't' },
    });
    expect(classifyPage(page, NATIONAL)).toEqual({ status: 'consolidated', reason: 'redirect-national' });
  });

  it('never calls the national portal itself consolidated', () => {
    const page = pageOf({}, 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html');
    expect(classifyPage(page, NATIONAL)).toBeNull();
    expect(classifyPage({ ...page, httpStatus: 502 }, NATIONAL)).toEqual({ status: 'down', reason: 'http-5xx' });
  });

  it('classifies a browser error before looking at the status', () => {
    const page = pageOf({ httpStatus: 403, error: { code: 'net::ERR_NAME_NOT_RESOLVED', message: 'dns' } });
    expect(classifyPage(page, NATIONAL)).toEqual({ status: 'down', reason: 'dns' });
  });

  it('is blocked for a captcha or WAF challenge, a 403 and a 429', () => {
    expect(classifyPage(pageOf({ challenge: true }), NATIONAL)).toEqual({ status: 'blocked', reason: 'captcha' });
    expect(classifyPage(pageOf({ httpStatus: 403 }), NATIONAL)).toEqual({ status: 'blocked', reason: 'http-403' });
    expect(classifyPage(pageOf({ httpStatus: 429 }), NATIONAL)).toEqual({ status: 'blocked', reason: 'http-429' });
  });

  it('is down for other 4xx and every 5xx', () => {
    expect(classifyPage(pageOf({ httpStatus: 404 }), NATIONAL)).toEqual({ status: 'down', reason: 'http-4xx' });
    expect(classifyPage(pageOf({ httpStatus: 400 }), NATIONAL)).toEqual({ status: 'down', reason: 'http-4xx' });
    expect(classifyPage(pageOf({ httpStatus: 500 }), NATIONAL)).toEqual({ status: 'down', reason: 'http-5xx' });
    expect(classifyPage(pageOf({ httpStatus: 503 }), NATIONAL)).toEqual({ status: 'down', reason: 'http-5xx' });
  });

  it('works with no national hosts configured', () => {
    expect(classifyPage(pageOf({ finalUrl: 'https://dichvucong.gov.vn/' }), [])).toBeNull();
  });
});

describe('hostOf', () => {
  it('lower-cases the host, keeps a non-default port, and is null for nothing or garbage', () => {
    expect(hostOf('https://DichVuCong.Gov.VN/x')).toBe('dichvucong.gov.vn');
    expect(hostOf('http://127.0.0.1:4700/')).toBe('127.0.0.1:4700');
    expect(hostOf('https://a.gov.vn:443/')).toBe('a.gov.vn');
    expect(hostOf(null)).toBeNull();
    expect(hostOf('not a url')).toBeNull();
  });
});
