import { createHash } from 'node:crypto';
import {
  INDEX766_ENDPOINT,
  type Index766Import,
  type Index766Period,
  index766Params,
  index766PeriodText,
  joinIndex766,
  parseIndex766Answer,
  type Registry,
} from '@dvcwatch/core';
import { Index766TooLargeError, type Store } from '@dvcwatch/store';
import { z } from 'zod';
import { describeBody, fetchIndex766, Index766ImportError } from './index-766-fetch.js';

export interface Index766ImportOptions {
  period: Index766Period;
  /** Default: the national portal's endpoint. */
  endpoint?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** The fetch time (ISO), stamped on the import. */
  now: () => string;
}

/** Parses the body as the index's rows; anything else is an Index766ImportError saying what was received. */
function rowsOf(body: Uint8Array, contentType: string) {
  const text = new TextDecoder().decode(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Index766ImportError(`nhận được ${describeBody(text, contentType)}`, { cause: e });
  }
  try {
    return parseIndex766Answer(json);
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    const issue = e.issues[0];
    const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') : '';
    const shape = Array.isArray(json) ? `một mảng ${json.length} dòng` : `JSON dạng ${json === null ? 'null' : typeof json}`;
    const what = !issue ? 'không khớp' : issue.code === 'invalid_type' ? `cần kiểu ${issue.expected}` : issue.message;
    throw new Index766ImportError(`dữ liệu đã đổi dạng: nhận được ${shape}, ${where ? `dòng${where}: ` : ''}${what}`, {
      cause: e,
    });
  }
}

/**
 * Imports one period of the QĐ 766 index: fetch, check every row, join rows to agencies by `index766Id` (the others
 * are kept and listed), store the import with the raw answer, its SHA-256, the parameters and the fetch time. A
 * failure (network, a firewall's page, a changed shape) throws an Index766ImportError and stores nothing, so every
 * earlier import stays as it was.
 */
export async function importIndex766(store: Store, registry: Registry, o: Index766ImportOptions): Promise<Index766Import> {
  const endpoint = o.endpoint ?? INDEX766_ENDPOINT;
  const params = index766Params(o.period);
  const raw = await fetchIndex766({ endpoint, params, timeoutMs: o.timeoutMs ?? 30_000 });
  const rows = rowsOf(raw.body, raw.contentType);
  if (rows.length === 0) throw new Index766ImportError('nhận được một mảng rỗng: không có đơn vị nào cho kỳ này');
  const imported: Index766Import = {
    period: index766PeriodText(o.period),
    endpoint,
    params,
    fetchedAt: o.now(),
    sha256: createHash('sha256').update(raw.body).digest('hex'),
    rows,
    ...joinIndex766(registry.agencies, rows),
  };
  try {
    await store.index766.add(imported, raw.body);
  } catch (e) {
    if (e instanceof Index766TooLargeError)
      throw new Index766ImportError(`nhận được ${rows.length} dòng nhưng ${e.message}`, { cause: e });
    throw e;
  }
  return imported;
}
