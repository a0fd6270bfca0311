// A land plot's boundary is GeoJSON (RFC 7946) Polygon or MultiPolygon in WGS 84. Checked here so
// that a map widget can draw every stored boundary: closed rings of at least four positions,
// longitude and latitude in range. Each problem names its place, e.g. `coordinates.0.3`.

export interface GeoProblem {
  path: (string | number)[];
  message: string;
}

const MAX_POSITIONS = 100_000;

function position(p: unknown, path: (string | number)[], out: GeoProblem[]): void {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    p.length > 3 ||
    !p.every((x) => typeof x === 'number' && Number.isFinite(x))
  ) {
    out.push({ path, message: 'a position is [longitude, latitude] (optionally with altitude)' });
    return;
  }
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180)
    out.push({ path: [...path, 0], message: 'longitude must be between -180 and 180' });
  if (lat! < -90 || lat! > 90)
    out.push({ path: [...path, 1], message: 'latitude must be between -90 and 90' });
}

function polygon(rings: unknown, path: (string | number)[], out: GeoProblem[]): void {
  if (!Array.isArray(rings) || rings.length === 0) {
    out.push({ path, message: 'a polygon is a non-empty list of linear rings' });
    return;
  }
  for (const [i, ring] of rings.entries()) {
    const at = [...path, i];
    if (!Array.isArray(ring) || ring.length < 4) {
      out.push({ path: at, message: 'a linear ring has at least four positions' });
      continue;
    }
    const before = out.length;
    for (const [j, p] of ring.entries()) position(p, [...at, j], out);
    if (out.length > before) continue;
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first.length !== last.length || first.some((x, k) => x !== last[k])) {
      out.push({ path: [...at, ring.length - 1], message: 'a linear ring ends where it starts' });
    }
  }
}

const count = (v: unknown): number => (Array.isArray(v) ? v.reduce((n: number, x) => n + count(x), 0) : 1);

export function geoJsonPolygonProblems(value: unknown): GeoProblem[] {
  const out: GeoProblem[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return [{ path: [], message: 'must be a GeoJSON Polygon or MultiPolygon object' }];
  }
  const { type, coordinates } = value as Record<string, unknown>;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return [{ path: ['type'], message: 'must be Polygon or MultiPolygon' }];
  }
  if (count(coordinates) > MAX_POSITIONS * 3) {
    return [{ path: ['coordinates'], message: `at most ${MAX_POSITIONS} positions` }];
  }
  if (type === 'Polygon') polygon(coordinates, ['coordinates'], out);
  else if (!Array.isArray(coordinates) || coordinates.length === 0) {
    out.push({ path: ['coordinates'], message: 'a MultiPolygon is a non-empty list of polygons' });
  } else {
    for (const [i, p] of coordinates.entries()) polygon(p, ['coordinates', i], out);
  }
  return out.slice(0, 20);
}
