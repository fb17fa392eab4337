/** Registries built in tests: YAML text through the real parser, so defaults and validation apply. */
import { parseRegistry, type Registry } from '@dvcwatch/core';
import { stringify } from 'yaml';

export interface TestAgency {
  id: string;
  home: string;
  form?: string;
  name?: string;
  kind?: 'national' | 'ministry' | 'province';
}

/** A registry naming `agencies`, with `defaults` (probe, alerts, thresholds, nationalHosts) on top. */
export function testRegistry(
  agencies: readonly TestAgency[],
  defaults: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Registry {
  const doc = {
    version: 1,
    defaults,
    ...extra,
    agencies: agencies.map((a) => ({
      id: a.id,
      name: a.name ?? `Cơ quan ${a.id}`,
      kind: a.kind ?? 'province',
      head: { name: `Thủ trưởng ${a.id}`, email: `thutruong.${a.id}@example.vn` },
      placeholderContact: true,
      portal: { home: a.home, ...(a.form ? { form: a.form } : {}) },
    })),
  };
  return parseRegistry(stringify(doc), 'test-registry.yaml');
}
