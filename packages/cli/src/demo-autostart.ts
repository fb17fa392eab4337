import net from 'node:net';
import type { Registry } from '@dvcwatch/core';
import { DEMO_PORTALS, startDemoPortals } from './demo/index.js';

/** The demo portals' fixed ports (registry/demo.yaml names them). */
export const DEMO_BASE_PORT = 4700;
const DEMO_PORTS = { from: DEMO_BASE_PORT, to: DEMO_BASE_PORT + 19 };

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/**
 * Starts the simulated portals when the registry points at their fixed ports and nothing serves them yet,
 * so `npm start` and `dvcwatch round --registry registry/demo.yaml` work offline with no other step.
 */
export async function autostartDemo(
  registry: Registry,
  say: (line: string) => void = () => {},
): Promise<{ close(): Promise<void> } | null> {
  const ports = registry.agencies
    .map((a) => new URL(a.portal.home))
    .filter((u) => u.hostname === '127.0.0.1')
    .map((u) => Number(u.port))
    .filter((p) => p >= DEMO_PORTS.from && p <= DEMO_PORTS.to);
  if (ports.length === 0) return null;
  if (await listening(ports[0]!)) return null;
  say(`Khởi động ${DEMO_PORTALS.length} cổng mô phỏng trên 127.0.0.1, từ cổng ${DEMO_BASE_PORT}…`);
  return startDemoPortals({ basePort: DEMO_BASE_PORT });
}
