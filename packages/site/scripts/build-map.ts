/**
 * Derives the site's small map of Vietnam's 34 provinces from ../shared/geo/vn-34-provinces (about 8 MB of
 * GeoJSON) into packages/site/src/geo/vn-map.json (SVG paths, about 100 kB). Reproducible: same input, same
 * file. Run with `npm run map:build`; the derived file and the data's MIT licence are committed.
 *
 * - Topology first (topojson-server), so neighbouring provinces share their border and simplification leaves no
 *   gaps; then Visvalingam simplification (topojson-simplify) by area.
 * - Every island is kept: a ring no other province shares is one closed arc, and its largest-weight points are
 *   pinned so no island collapses to nothing (Hoàng Sa and Trường Sa are hundreds of such rings). A test checks it.
 * - Mercator, projected on the plane (no spherical winding pitfalls), written with one decimal.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoPath, geoTransform } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { VnMap } from '../src/geo/vn-map.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SOURCE = join(HERE, '../../../../shared/geo/vn-34-provinces');
const OUT = join(HERE, '../src/geo/vn-map.json');

/** Map width in SVG units; the height follows from the data's extent. */
const WIDTH = 520;
const PAD = 8;
/** Triangles smaller than this (square degrees) go: about a fifth of a square pixel at this scale. */
const MIN_AREA = 0.002;
/** Points kept at least on every island ring, whatever its size. */
const ISLAND_MIN_POINTS = 3;

const merc = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

function readProvinces(): Feature<Polygon | MultiPolygon, { code: string; name: string }>[] {
  return readdirSync(SOURCE)
    .filter((f) => f.endsWith('.geojson'))
    .sort()
    .map((f) => {
      const fc = JSON.parse(readFileSync(join(SOURCE, f), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
      const polys: number[][][][] = [];
      for (const ft of fc.features) {
        const g = ft.geometry;
        if (g.type === 'Polygon') polys.push(g.coordinates);
        else polys.push(...g.coordinates);
      }
      const p = fc.features[0]?.properties as { code: string; name: string };
      return {
        type: 'Feature',
        properties: { code: String(p.code), name: String(p.name) },
        geometry: { type: 'MultiPolygon', coordinates: polys },
      };
    });
}

/** Pins the largest-weight points of every closed arc (an island ring) so it keeps a shape. */
function pinIslands(topo: Pick<Topology, 'arcs'>): void {
  for (const arc of topo.arcs) {
    const first = arc[0];
    const last = arc[arc.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) continue;
    const inner = arc.slice(1, -1).sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0));
    for (const p of inner.slice(0, ISLAND_MIN_POINTS)) p[2] = Number.POSITIVE_INFINITY;
  }
}

export function buildMap(): VnMap {
  const provinces = readProvinces();
  let [lonMin, lonMax, latMin, latMax] = [180, -180, 90, -90];
  for (const p of provinces)
    for (const poly of p.geometry.coordinates as number[][][][])
      for (const ring of poly)
        for (const [lon = 0, lat = 0] of ring) {
          lonMin = Math.min(lonMin, lon);
          lonMax = Math.max(lonMax, lon);
          latMin = Math.min(latMin, lat);
          latMax = Math.max(latMax, lat);
        }
  const k = (WIDTH - 2 * PAD) / (((lonMax - lonMin) * Math.PI) / 180);
  const m0 = merc(latMax);
  const height = Math.ceil((m0 - merc(latMin)) * k + 2 * PAD);
  const project = (lon: number, lat: number): [number, number] => [
    ((lon - lonMin) * Math.PI * k) / 180 + PAD,
    (m0 - merc(lat)) * k + PAD,
  ];
  const fc: FeatureCollection = { type: 'FeatureCollection', features: provinces };
  const topo = presimplify(topology({ provinces: fc }) as unknown as Parameters<typeof presimplify>[0]);
  pinIslands(topo);
  const small = simplify(topo, MIN_AREA);
  const path = geoPath(
    geoTransform({
      point(lon, lat) {
        const [x, y] = project(lon, lat);
        this.stream.point(x, y);
      },
    }),
  ).digits(1);
  const simplified = feature(small, small.objects.provinces as GeometryCollection<{ code: string; name: string }>);
  const out: VnMap['provinces'] = simplified.features.map((f) => ({
    code: f.properties.code,
    name: f.properties.name,
    d: path(f) ?? '',
  }));
  // Each archipelago's box, from the source rings (lon/lat), projected.
  const box = (code: string, inside: (lon: number, lat: number) => boolean): [number, number, number, number] => {
    const p = provinces.find((x) => x.properties.code === code);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of (p?.geometry.coordinates ?? []) as number[][][][])
      for (const [lon = 0, lat = 0] of poly[0] ?? [])
        if (inside(lon, lat)) {
          const [x, y] = project(lon, lat);
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
    return [x0, y0, x1, y1].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];
  };
  /** The province's simplified rings that start inside a box: the archipelago's islands, drawn again on top. */
  const islands = (code: string, b: [number, number, number, number]): string =>
    (out.find((p) => p.code === code)?.d ?? '')
      .split('M')
      .filter((ring) => {
        const [x = 0, y = 0] = ring.split(/[L,Z ]/).map(Number);
        return ring !== '' && x >= b[0] - 1 && x <= b[2] + 1 && y >= b[1] - 1 && y <= b[3] + 1;
      })
      .map((ring) => `M${ring}`)
      .join('');
  const hoangSa = box('48', (lon) => lon > 111);
  const truongSa = box('56', (lon, lat) => lon > 111.5 && lat < 12);
  return {
    source:
      'Ranh giới 34 tỉnh, thành phố sau sắp xếp (01/7/2025): Nhà xuất bản Tài nguyên – Môi trường và Bản đồ Việt Nam (sapnhap.bando.com.vn), qua github.com/thanglequoc/vietnamese-provinces-database (cd58063)',
    licence: 'MIT License, Copyright (c) 2021 Thang Le Quoc',
    width: WIDTH,
    height,
    projection: { lon0: lonMin, m0, k, pad: PAD },
    provinces: out,
    archipelagos: [
      { name: 'Quần đảo Hoàng Sa', code: '48', box: hoangSa, d: islands('48', hoangSa) },
      { name: 'Quần đảo Trường Sa', code: '56', box: truongSa, d: islands('56', truongSa) },
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const map = buildMap();
  const text = `${JSON.stringify(map)}\n`;
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${map.provinces.length} provinces, ${Math.round(text.length / 1024)} kB`);
}
