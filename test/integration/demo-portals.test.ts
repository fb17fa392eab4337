import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';

let demo: DemoPortals;
const portal = (id: string) => {
  const p = demo.portals.find((x) => x.id === id);
  if (!p) throw new Error(`no portal ${id}`);
  return p;
};

beforeAll(async () => {
  demo = await startDemoPortals({ basePort: 0 });
});
afterAll(async () => demo?.close());

describe('demo portals', () => {
  it('serves each portal on its own 127.0.0.1 origin, national portal first', () => {
    const origins = demo.portals.map((p) => new URL(p.home).origin);
    expect(new Set(origins).size).toBe(demo.portals.length);
    expect(origins.every((o) => o.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(demo.portals[0]?.id).toBe('quoc-gia');
    expect(demo.nationalOrigin).toBe(origins[0]);
  });

  it('serves a realistic Vietnamese home page with the portal functions', async () => {
    const res = await fetch(portal('tot').home);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const label of [
      'Đăng nhập',
      'Nhập từ khoá tìm kiếm',
      'Tra cứu hồ sơ',
      'Thanh toán trực tuyến',
      'Phản ánh, kiến nghị',
      'Tăng tương phản',
      'A+',
    ])
      expect(html).toContain(label);
  });

  it('fails the failing portal with 503', async () => {
    const res = await fetch(portal('loi').home);
    expect(res.status).toBe(503);
  });

  it('redirects the consolidated portal to the national portal', async () => {
    const res = await fetch(portal('hop-nhat').home, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${demo.nationalOrigin}/`);
  });

  it('puts the national form page behind a VNeID login wall and the slow form behind a script', async () => {
    const national = await (await fetch(portal('quoc-gia').form)).text();
    expect(national).toContain('Tài khoản Định danh điện tử (VNeID)');
    const slow = await (await fetch(portal('cham-bieu-mau').form)).text();
    expect(slow).toContain('Đang tải biểu mẫu');
    expect(slow).toMatch(/setTimeout\(.*5000\)/s);
  });

  it('answers the slow home page eventually', async () => {
    const res = await fetch(portal('cham-trang-chu').home);
    expect(res.status).toBe(200);
  });

  it('resets connections for a portal whose failure mode is reset', async () => {
    const reset = await startDemoPortals({
      basePort: 0,
      portals: [{ id: 'dut', name: 'Tỉnh Đứt', kind: 'province', failure: 'reset' }],
    });
    try {
      await expect(fetch(reset.portals[0]!.home)).rejects.toThrow();
    } finally {
      await reset.close();
    }
  });
});
