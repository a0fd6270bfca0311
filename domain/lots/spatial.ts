// A district's buildings in an order that keeps neighbours together: along a Hilbert curve over
// the district's extent, so that any run of consecutive buildings is a compact area. Cutting that
// order into runs is what makes each lot one neighbourhood, in O(n log n) for a whole country.
import type { GeoPoint, LotBuilding } from './types.ts';

const SIDE = 1 << 16;

/** The position of cell (x, y) along the Hilbert curve filling a SIDE × SIDE grid. */
export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = SIDE >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}

/** Where a building stands: its own point, else the mean of its street's points, else nowhere. */
export function placements(buildings: readonly LotBuilding[]): Map<string, GeoPoint | null> {
  const streets = new Map<string, { lon: number; lat: number; n: number }>();
  for (const b of buildings) {
    if (!b.point) continue;
    const s = streets.get(b.street) ?? { lon: 0, lat: 0, n: 0 };
    s.lon += b.point.lon;
    s.lat += b.point.lat;
    s.n += 1;
    streets.set(b.street, s);
  }
  const placed = new Map<string, GeoPoint | null>();
  for (const b of buildings) {
    const s = streets.get(b.street);
    placed.set(b.id, b.point ?? (s ? { lon: s.lon / s.n, lat: s.lat / s.n } : null));
  }
  return placed;
}

/**
 * The buildings in curve order. Buildings placed nowhere (no point, and no point on their street)
 * follow, street by street. Ties break by id, so the order never depends on the input's.
 */
export function spatialOrder(buildings: readonly LotBuilding[]): LotBuilding[] {
  const placed = placements(buildings);
  const points = [...placed.values()].filter((p): p is GeoPoint => p !== null);
  const minLon = Math.min(...points.map((p) => p.lon));
  const minLat = Math.min(...points.map((p) => p.lat));
  // One scale for both axes (a degree of longitude shortened by the latitude), so the curve's
  // cells are squares on the ground and a run of the curve is round rather than a strip.
  const midLat = points.length ? points.reduce((s, p) => s + p.lat, 0) / points.length : 0;
  const lonScale = Math.cos((midLat * Math.PI) / 180);
  const span = Math.max(
    ...points.map((p) => (p.lon - minLon) * lonScale),
    ...points.map((p) => p.lat - minLat),
    Number.EPSILON,
  );
  const cell = (v: number) => Math.min(SIDE - 1, Math.floor((v / span) * (SIDE - 1)));
  const key = new Map<string, number>();
  for (const [id, p] of placed)
    if (p) key.set(id, hilbertIndex(cell((p.lon - minLon) * lonScale), cell(p.lat - minLat)));
  const byId = (a: LotBuilding, b: LotBuilding) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...buildings].sort((a, b) => {
    const ka = key.get(a.id);
    const kb = key.get(b.id);
    if (ka !== undefined && kb !== undefined) return ka - kb || byId(a, b);
    if (ka !== undefined) return -1;
    if (kb !== undefined) return 1;
    return a.street < b.street ? -1 : a.street > b.street ? 1 : byId(a, b);
  });
}

/** Distance in metres between two points (equirectangular: exact enough within a district). */
export function metres(a: GeoPoint, b: GeoPoint): number {
  const lat = (((a.lat + b.lat) / 2) * Math.PI) / 180;
  const dx = ((b.lon - a.lon) * Math.PI * Math.cos(lat)) / 180;
  const dy = ((b.lat - a.lat) * Math.PI) / 180;
  return 6_371_000 * Math.hypot(dx, dy);
}
