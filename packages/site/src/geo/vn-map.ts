/**
 * The derived map of the 34 provinces (packages/site/scripts/build-map.ts, `npm run map:build`), from
 * ../shared/geo/vn-34-provinces: MIT licence, LICENSE-vn-34-provinces beside this file.
 */
import data from './vn-map.json';

export interface VnMap {
  source: string;
  licence: string;
  width: number;
  height: number;
  /** Planar Mercator: x = (lon - lon0) × k × π/180 + pad, y = (m0 - merc(lat)) × k + pad, merc(lat) = ln tan(π/4 + lat/2). */
  projection: { lon0: number; m0: number; k: number; pad: number };
  provinces: { code: string; name: string; d: string }[];
  archipelagos: { name: string; code: string; box: [number, number, number, number]; d: string }[];
}

export const VN_MAP: VnMap = data as VnMap;
