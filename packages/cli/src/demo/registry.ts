import { stringify } from 'yaml';
import type { DemoPortal } from './server.js';

/** This machine, and a second vantage leaving from 127.0.0.2: the demo's `chan-nuoc-ngoai` portal serves only it. */
export const DEMO_VANTAGES = [
  { id: 'may-nay', name: 'Máy này (127.0.0.1)' },
  { id: 'viet-nam', name: 'Điểm đo thứ hai, mô phỏng máy đặt tại Việt Nam (127.0.0.2)', egress: '127.0.0.2' },
];

/**
 * Registry YAML naming the demo portals (tests use ephemeral ports, `npm start` the fixed ones in
 * registry/demo.yaml). Heads are placeholders at example.vn: the demo never mails a real person.
 */
export function demoRegistryYaml(portals: readonly DemoPortal[], nationalOrigin: string | null): string {
  const nationalHost = nationalOrigin ? new URL(nationalOrigin).host : null;
  const doc = {
    version: 1,
    defaults: {
      nationalHosts: ['dichvucong.gov.vn', ...(nationalHost ? [nationalHost] : [])],
      alerts: { confirmRounds: 2 },
    },
    operators: ['vanhanh@example.vn'],
    vantages: DEMO_VANTAGES,
    agencies: portals.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      head: { name: `Thủ trưởng ${p.name}`, email: `thutruong.${p.id}@example.vn` },
      placeholderContact: true,
      portal: { home: p.home, form: p.form },
      source: 'Cổng mô phỏng của dvcwatch (demo)',
    })),
  };
  return `# Demo registry: simulated portals served by \`dvcwatch\` on 127.0.0.1 (packages/cli/src/demo).\n${stringify(doc)}`;
}
