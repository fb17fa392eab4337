import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRegistry, type Registry } from '../../packages/core/src/registry.js';

const FILE = 'registry/vietnam.yaml';
const text = readFileSync(fileURLToPath(new URL(`../../${FILE}`, import.meta.url)), 'utf8');

// The 34 provinces and centrally-run cities after Nghị quyết 202/2025/QH15, as listed in DOMAIN.md.
const PROVINCES = [
  'Hà Nội',
  'TP. Hồ Chí Minh',
  'Hải Phòng',
  'Đà Nẵng',
  'Cần Thơ',
  'Huế',
  'Tuyên Quang',
  'Cao Bằng',
  'Lai Châu',
  'Lào Cai',
  'Thái Nguyên',
  'Điện Biên',
  'Lạng Sơn',
  'Sơn La',
  'Phú Thọ',
  'Bắc Ninh',
  'Quảng Ninh',
  'Hưng Yên',
  'Ninh Bình',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Trị',
  'Quảng Ngãi',
  'Gia Lai',
  'Khánh Hòa',
  'Lâm Đồng',
  'Đắk Lắk',
  'Đồng Nai',
  'Tây Ninh',
  'Vĩnh Long',
  'Đồng Tháp',
  'Cà Mau',
  'An Giang',
];
const CITIES = ['Hà Nội', 'TP. Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

/** "UBND thành phố Hà Nội" → "Hà Nội"; "TP. Hồ Chí Minh" and "thành phố Hồ Chí Minh" name the same place. */
const placeOf = (name: string): string =>
  name
    .normalize('NFC')
    .replace(/^UBND (thành phố|tỉnh) /, '')
    .replace(/^TP\. /, '');

describe('registry/vietnam.yaml', () => {
  let registry: Registry;
  beforeAll(() => {
    registry = parseRegistry(text, FILE);
  });

  it('has exactly the 34 provinces of DOMAIN.md, with the right subkind and name form', () => {
    const provinces = registry.agencies.filter((a) => a.kind === 'province');

    const places = provinces.map((a) => placeOf(a.name)).sort();

    expect(places).toEqual(PROVINCES.map(placeOf).sort());
    for (const a of provinces) {
      const city = CITIES.map(placeOf).includes(placeOf(a.name));
      expect(a.subkind, a.id).toBe(city ? 'thanh-pho-truc-thuoc-trung-uong' : 'tinh');
      expect(a.name, a.id).toMatch(city ? /^UBND thành phố / : /^UBND tỉnh /);
      expect(a.head.name, a.id).toBe(`Chủ tịch ${a.name}`);
    }
  });

  it('has the national portal with its home page and a form page on dichvucong.gov.vn', () => {
    const national = registry.agencies.filter((a) => a.kind === 'national');

    expect(national).toHaveLength(1);
    expect(national[0]?.id).toBe('quoc-gia');
    expect(national[0]?.portal.home).toBe('https://dichvucong.gov.vn/p/home/dvc-trang-chu.html');
    expect(new URL(national[0]?.portal.form ?? 'about:blank').host).toBe('dichvucong.gov.vn');
  });

  it('has at least the 14 ministries, with the ministry-level agencies', () => {
    const ministries = registry.agencies.filter((a) => a.kind === 'ministry');

    expect(ministries.length).toBeGreaterThanOrEqual(14);
    expect(ministries.filter((a) => a.name.startsWith('Bộ '))).toHaveLength(14);
    expect(ministries.map((a) => a.id)).toEqual(
      expect.arrayContaining(['bo-quoc-phong', 'bo-cong-an', 'ngan-hang-nha-nuoc', 'thanh-tra-chinh-phu', 'van-phong-chinh-phu']),
    );
  });

  it('places every province on the map: its official code, once, matching the boundary file of the same place', () => {
    const files = readdirSync('../shared/geo/vn-34-provinces').filter((f) => f.endsWith('.geojson'));
    const provinces = registry.agencies.filter((a) => a.kind === 'province');
    expect(provinces.map((a) => a.provinceCode).sort()).toEqual(files.map((f) => f.slice(0, 2)).sort());
    // the id is the boundary file's slug (01_ha_noi.geojson ↔ ha-noi)
    for (const a of provinces) expect(files, a.id).toContain(`${a.provinceCode}_${a.id.replaceAll('-', '_')}.geojson`);
    expect(registry.agencies.filter((a) => a.kind !== 'province' && a.provinceCode)).toEqual([]);
  });

  it('uses unique ascii-slug ids', () => {
    const ids = registry.agencies.map((a) => a.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('says for every agency where its address comes from', () => {
    const sources = registry.agencies.map((x) => [x.id, x.source ?? ''] as const);

    for (const [id, source] of sources) expect(source, id).toMatch(/DOMAIN\.md|search|not confirmed/);
  });

  it('marks every placeholder email: all on example.vn, all flagged placeholderContact', () => {
    const emails = registry.agencies.flatMap((a) => [
      { id: a.id, email: a.head.email, flagged: a.placeholderContact },
      ...a.cc.map((email) => ({ id: a.id, email, flagged: a.placeholderContact })),
    ]);

    // No real-looking government address was invented: every address here is a flagged placeholder.
    for (const { id, email, flagged } of emails) {
      expect(email, id).toMatch(/@example\.vn$/);
      expect(flagged, id).toBe(true);
    }
    expect(registry.agencies.map((x) => x.head.email)).toEqual(registry.agencies.map((x) => placeholder(x.id)));
    expect(registry.operators.every((e) => e.endsWith('@example.vn'))).toBe(true);
  });

  it('probes only http(s) addresses and keeps the alert defaults asked for', () => {
    const protocols = new Set(registry.agencies.map((x) => new URL(x.portal.home).protocol));

    expect([...protocols]).toEqual(['https:']);
    expect(registry.agencies[0]?.alerts).toMatchObject({ confirmRounds: 2, recoverRounds: 2, remindEveryHours: 24 });
  });
});

/** The placeholder head email of an agency. */
function placeholder(id: string): string {
  return `lanhdao+${id}@example.vn`;
}
