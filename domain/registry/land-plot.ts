// The centre of a land plot's GeoJSON boundary: what the registry keeps beside the building
// (building.plot_lon, plot_lat) so that placing a whole district's buildings reads two numbers per
// building instead of its polygon. The mean of the outer rings' vertices (the closing one counted
// once) is close enough to the area centroid for the small, convex plots of apartment blocks.

export function boundaryCentre(boundary: unknown): { lon: number; lat: number } | null {
  const b = boundary as { type?: unknown; coordinates?: unknown };
  const polygons =
    b?.type === 'Polygon' ? [b.coordinates] : b?.type === 'MultiPolygon' ? (b.coordinates as unknown[]) : [];
  let lon = 0;
  let lat = 0;
  let n = 0;
  for (const polygon of polygons) {
    const ring = Array.isArray(polygon) ? polygon[0] : null;
    if (!Array.isArray(ring)) continue;
    const open = ring.length > 1 && sameAt(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring;
    for (const p of open) {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') continue;
      lon += p[0];
      lat += p[1];
      n++;
    }
  }
  return n === 0 ? null : { lon: lon / n, lat: lat / n };
}

const sameAt = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
