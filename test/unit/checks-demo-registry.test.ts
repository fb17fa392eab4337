import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PORTALS, demoRegistryYaml } from '../../packages/cli/src/demo/index.js';
import { parseRegistry } from '../../packages/core/src/index.js';

describe('demo registry', () => {
  it('registry/demo.yaml is valid and names every demo portal on its fixed port', () => {
    // act
    const reg = parseRegistry(readFileSync('registry/demo.yaml', 'utf8'), 'registry/demo.yaml');
    // assess
    expect(reg.agencies.map((a) => a.id)).toEqual(DEMO_PORTALS.map((p) => p.id));
    expect(reg.nationalHosts).toEqual(['dichvucong.gov.vn', '127.0.0.1:4700']);
    expect(reg.agencies.every((a) => a.head.email.endsWith('@example.vn') && a.placeholderContact)).toBe(true);
    expect(reg.agencies[1]?.alerts.confirmRounds).toBe(2);
  });

  it('writes a valid registry for ephemeral ports', () => {
    // prepare
    const portals = [
      {
        id: 'tot',
        name: 'Tỉnh Tốt',
        kind: 'province' as const,
        home: 'http://127.0.0.1:50123/',
        form: 'http://127.0.0.1:50123/nop',
      },
    ];
    // act
    const reg = parseRegistry(demoRegistryYaml(portals, 'http://127.0.0.1:50122'), 'demo.yaml');
    // assess
    expect(reg.nationalHosts).toContain('127.0.0.1:50122');
    expect(reg.agencies[0]?.portal.home).toBe('http://127.0.0.1:50123/');
  });
});
