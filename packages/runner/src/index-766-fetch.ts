import { INDEX766_PAGE_PATH } from '@dvcwatch/core';

/** Who is asking, for the portal's operators: the project and where to read about it. */
// ASCII only: a header value is a ByteString.
export const INDEX766_USER_AGENT = 'dvcwatch/0.1 (QD 766 index import, once a day; public-service portal monitor)';

/** A failed import, with one Vietnamese line saying what was received. Nothing is stored when this is thrown. */
export class Index766ImportError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Index766ImportError';
  }
}

export interface Index766FetchOptions {
  endpoint: string;
  /** The `params` form field (JSON text). */
  params: string;
  /** Per request; the two requests run one after the other. */
  timeoutMs: number;
}

/** The raw answer: its bytes and content type. */
export interface Index766Raw {
  body: Uint8Array;
  contentType: string;
}

const oneLine = (s: string, max = 120) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

/** What a network failure was, in one line: the system's code (ECONNREFUSED, ENOTFOUND) or a timeout. */
function networkFailure(url: string, e: unknown): Index766ImportError {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const what =
    e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')
      ? 'hết thời gian chờ'
      : (cause?.code ?? oneLine(cause?.message ?? (e instanceof Error ? e.message : String(e))));
  return new Index766ImportError(`không kết nối được tới ${url}: ${what}`, { cause: e });
}

/** Cookies from a response's Set-Cookie headers, as a Cookie request header (name=value pairs only). */
const cookieHeader = (res: Response): string =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]?.trim() ?? '')
    .filter((c) => c.includes('='))
    .join('; ');

/**
 * Asks the portal for one period's index, as its own page does: a GET of the index page first (the session cookie
 * some clients send), then the form-encoded POST. One request at a time, each with a timeout. An HTTP error is an
 * Index766ImportError naming the status; the body is returned as received (parsing is the caller's).
 */
export async function fetchIndex766(o: Index766FetchOptions): Promise<Index766Raw> {
  const page = new URL(INDEX766_PAGE_PATH, o.endpoint).href;
  const headers = { 'user-agent': INDEX766_USER_AGENT, 'accept-language': 'vi' };
  let cookie = '';
  try {
    const res = await fetch(page, { headers, signal: AbortSignal.timeout(o.timeoutMs), redirect: 'follow' });
    cookie = cookieHeader(res);
    await res.arrayBuffer();
  } catch (e) {
    throw networkFailure(page, e);
  }
  let res: Response;
  let body: Uint8Array;
  try {
    res = await fetch(o.endpoint, {
      method: 'POST',
      headers: {
        ...headers,
        accept: 'application/json, text/javascript, */*; q=0.01',
        'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
        'x-requested-with': 'XMLHttpRequest',
        referer: page,
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams({ params: o.params }).toString(),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw networkFailure(o.endpoint, e);
  }
  if (!res.ok) {
    const text = new TextDecoder().decode(body.slice(0, 400));
    throw new Index766ImportError(
      `máy chủ trả lời HTTP ${res.status}: ${describeBody(text, res.headers.get('content-type') ?? '')}`,
    );
  }
  return { body, contentType: res.headers.get('content-type') ?? '' };
}

/** A body that is not the expected JSON, in a few words: an HTML page (and its title) or its first characters. */
export function describeBody(text: string, contentType: string): string {
  const t = text.trim();
  if (t === '') return 'nội dung rỗng';
  if (/html/i.test(contentType) || /^<(!doctype|html|head|body)/i.test(t)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(t)?.[1];
    return `một trang HTML${title ? ` “${oneLine(title, 80)}”` : ''} (có thể là trang tường lửa), không phải dữ liệu JSON`;
  }
  return `“${oneLine(t, 80)}”`;
}
