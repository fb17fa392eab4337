import { describe, expect, it, vi } from 'vitest';
import { AGENT_USAGE, agentMain } from '../../packages/cli/src/agent-main.js';
import { nodeSupportNote } from '../../packages/cli/src/node-support.js';

describe('the packaged agent command', () => {
  it('prints its own help and exits 0', async () => {
    const out: string[] = [];
    expect(await agentMain(['--help'], (l) => out.push(l))).toBe(0);
    expect(out).toEqual([AGENT_USAGE]);
  });

  it('names the missing option in Vietnamese and exits 2 (usage), as `dvcwatch agent` does', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await agentMain(['agent', '--queue-url', 'http://127.0.0.1:1/q'], () => {})).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toContain('--vantage: cần mã điểm đo');
      expect(await agentMain(['--vantage', 'viet-nam', '--jobs', '40', '--queue-url', 'http://127.0.0.1:1/q'], () => {})).toBe(2);
      expect(String(err.mock.calls[2]?.[0])).toContain('--jobs');
    } finally {
      err.mockRestore();
    }
  });
});

describe('nodeSupportNote', () => {
  it('says nothing from Node 22.17 on, and one line below it', () => {
    expect(nodeSupportNote('22.17.0')).toBeNull();
    expect(nodeSupportNote('24.1.0')).toBeNull();
    expect(nodeSupportNote('22.16.9')).toContain('Node 22.16.9');
    expect(nodeSupportNote('20.20.2')).toMatch(/^dvcwatch: Node 20\.20\.2 [^\n]+$/);
  });
});
