import { ConflictError } from './errors.js';
import { type Item, keyOf, N } from './item.js';
import type { Key } from './keys.js';
import type { TableIo } from './table-io.js';

/** How one JSON document under an optimistic lock is read from and written to its item. */
export interface VersionedDoc<T> {
  /** Named in the ConflictError ("day aggregate", "lab day"). */
  name: string;
  read: (item: Item) => { doc: T; version: number };
  /** The item's attributes but key and version (its schemaVersion and data). */
  write: (doc: T) => Item;
}

/** Attempts at a contended change before it is given up as a ConflictError. */
const ATTEMPTS = 6;

/**
 * Reads the document at `k`, applies `change`, and writes the result if nobody wrote since (a versioned conditional
 * put), again from the start when someone did. `change` returning its input unchanged writes nothing (idempotent
 * appends). Returns the document as stored.
 */
export async function changeVersioned<T>(io: TableIo, k: Key, doc: VersionedDoc<T>, change: (prev: T | null) => T): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const item = await io.get(k);
    const current = item ? doc.read(item) : null;
    const prev = current?.doc ?? null;
    const next = change(prev);
    if (next === prev) return next;
    const version = current?.version ?? 0;
    if (await io.putVersioned({ ...keyOf(k), ...doc.write(next), version: N(version + 1) }, current ? version : null))
      return next;
    if (attempt >= ATTEMPTS) throw new ConflictError(`${doc.name} ${k.pk} / ${k.sk}: still contended after ${attempt} attempts`);
  }
}
