/**
 * Placeholder contacts: addresses that must never receive mail.
 *
 * RFC 2606 / RFC 6761 reserve `example`, `test`, `invalid` and `localhost` as top-level names and
 * `example.com`, `example.net`, `example.org` as second-level ones: no real mailbox lives there. The registry's
 * shipped defaults use `example.vn` the same way (registry/vietnam.yaml: `lanhdao+<id>@example.vn`), so any
 * `example.<tld>` domain is treated as reserved too. An agency can also say so itself (`placeholderContact: true`).
 */
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

/** The domain part of an address, lower-cased (no validation: the schema has done it). */
const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** True when the address is on a reserved example domain, so mail to it can only bounce. */
export const isReservedAddress = (address: string): boolean => {
  const labels = domainOf(address).split('.');
  const tld = labels.at(-1) ?? '';
  return RESERVED_TLDS.has(tld) || (labels.length >= 2 && labels.at(-2) === 'example');
};

/** True when an agency's head must not be emailed: declared a placeholder, or on a reserved domain. */
export const isPlaceholderHead = (agency: { placeholderContact: boolean; head: { email: string } }): boolean =>
  agency.placeholderContact || isReservedAddress(agency.head.email);
