import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VN_MAP } from '../../packages/site/src/geo/vn-map.js';

const SOURCE = '../shared/geo/vn-34-provinces';

/** The source rings (outer rings of every polygon) of one province, as [lon, lat][]. */
function sourceRings(code: string): number[][][] {
  const file = readdirSync(SOURCE).find((f) => f.startsWith(`${code}_`));
  if (!file) throw new Error(`no source file for ${code}`);
  const fc = JSON.parse(readFileSync(join(SOURCE, file), 'utf8')) as {
    features: { geometry: { type: string; coordinates: number[][][] | number[][][][] } }[];
  };
  return fc.features.flatMap((f) =>
    f.geometry.type === 'Polygon'
      ? [(f.geometry.coordinates as number[][][])[0] ?? []]
      : (f.geometry.coordinates as number[][][][]).map((p) => p[0] ?? []),
  );
}

/** The derived map's rings of one province: each subpath as its points (x, y). */
function mapRings(code: string): [number, number][][] {
  const d = VN_MAP.provinces.find((p) => p.code === code)?.d ?? '';
  return d
    .split('M')
    .filter(Boolean)
    .map((ring) =>
      ring
        .replace(/Z$/, '')
        .split('L')
        .map((pt) => pt.split(',').map(Number) as [number, number]),
    );
}

const project = (lon: number, lat: number): [number, number] => {
  const { lon0, m0, k, pad } = VN_MAP.projection;
  const merc = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  return [((lon - lon0) * Math.PI * k) / 180 + pad, (m0 - merc) * k + pad];
};

describe('the derived map of the 34 provinces', () => {
  it('has every province once, with its official code', () => {
    const codes = readdirSync(SOURCE)
      .filter((f) => f.endsWith('.geojson'))
      .map((f) => f.slice(0, 2));
    expect(VN_MAP.provinces.map((p) => p.code).sort()).toEqual(codes.sort());
    expect(VN_MAP.provinces.every((p) => p.d.startsWith('M'))).toBe(true);
  });

  // Hoàng Sa belongs to Đà Nẵng (48), Trường Sa to Khánh Hòa (56): every island ring of the source is still a
  // polygon (at least 3 distinct points) in the derived file, in the same place.
  for (const [name, code, inside] of [
    ['Quần đảo Hoàng Sa', '48', (lon: number) => lon > 111],
    ['Quần đảo Trường Sa', '56', (lon: number, lat: number) => lon > 111.5 && lat < 12],
  ] as const) {
    it(`keeps every island of ${name} through simplification`, () => {
      const source = sourceRings(code).filter((r) => r.every(([lon = 0, lat = 0]) => inside(lon, lat)));
      expect(source.length).toBeGreaterThan(40);
      const xs = source.flat().map(([lon = 0, lat = 0]) => project(lon, lat));
      const [x0, x1] = [Math.min(...xs.map((p) => p[0])) - 1, Math.max(...xs.map((p) => p[0])) + 1];
      const [y0, y1] = [Math.min(...xs.map((p) => p[1])) - 1, Math.max(...xs.map((p) => p[1])) + 1];
      const islands = mapRings(code).filter((r) => r.every(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1));
      expect(islands.length).toBe(source.length);
      for (const ring of islands) expect(new Set(ring.map((p) => p.join(','))).size).toBeGreaterThanOrEqual(3);
      // labelled in Vietnamese, around the islands
      const a = VN_MAP.archipelagos.find((x) => x.name === name);
      expect(a?.code).toBe(code);
      expect(a?.box[0]).toBeLessThanOrEqual(x0 + 2);
    });
  }

  it('stays small enough to inline in the overview', () => {
    expect(JSON.stringify(VN_MAP).length).toBeLessThan(60_000);
  });
});
