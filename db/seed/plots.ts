// Land plots for the demo's buildings: each district a grid of blocks (mavze, kvartal) around its
// real centre, each block a grid of house plots, each plot a rectangle a little larger than the
// building's footprint (long side by its entrances), turned every other row as Soviet micro-districts
// lay their five-storey blocks. A function of the address and shape alone, drawing nothing from the
// seed's random streams, so adding plots changed none of the demo's other rows. A few buildings have
// no plot on record, as in the cadastre: their street places them.
import { boundaryCentre } from '../../domain/registry/land-plot.ts';
import type { LandPlotPolygon } from '../../domain/registry/types.ts';

export interface PlotGrid {
  /** The district's centre, degrees. */
  lon: number;
  lat: number;
  /** Blocks per row of the district's grid, and houses per row of a block's. */
  blockColumns: number;
  houseColumns: number;
  /** One house plot's cell, metres. */
  cell: number;
}

export interface Plot {
  plotLon: number | null;
  plotLat: number | null;
  /** The land_plot row's content; null with the centre. */
  plot: { areaM2: number; boundary: LandPlotPolygon } | null;
}

const M_PER_DEG_LAT = 111_320;

/** A small, well-spread hash of a string (FNV-1a), for the jitter and the missing plots. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export function plotOf(
  grid: PlotGrid,
  at: { block: number; house: number; round: number; entrances: number; cadastralNumber: string },
  opts: { alwaysPlaced?: boolean } = {},
): Plot {
  const h = hash(at.cadastralNumber);
  // About one building in thirty has no plot in the cadastre yet.
  if (!opts.alwaysPlaced && h % 30 === 0) return { plotLon: null, plotLat: null, plot: null };
  const blockSide = grid.houseColumns * grid.cell + 80; // streets between blocks
  const bx = (at.block - 1) % grid.blockColumns;
  const by = Math.floor((at.block - 1) / grid.blockColumns);
  const hx = (at.house - 1) % grid.houseColumns;
  const hy = Math.floor((at.house - 1) / grid.houseColumns) % grid.houseColumns;
  // A lettered house ("12a-uy") stands on the next plot over, half a cell off.
  const shift = at.round * grid.cell * 0.5;
  const jitterX = ((h >>> 8) % 11) - 5;
  const jitterY = ((h >>> 16) % 11) - 5;
  const x = (bx - grid.blockColumns / 2) * blockSide + (hx + 0.5) * grid.cell + shift + jitterX;
  const y = -(by * blockSide + (hy + 0.5) * grid.cell) + jitterY;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((grid.lat * Math.PI) / 180);
  const lon = grid.lon + x / mPerDegLon;
  const lat = grid.lat + y / M_PER_DEG_LAT;
  // Footprint: 16 m per entrance by 12 m, the plot 8 m wider all round, capped inside the cell.
  const long = Math.min(grid.cell - 4, 16 * at.entrances + 16);
  const short = Math.min(grid.cell - 4, 28);
  const turned = hy % 2 === 1;
  const [w, d] = turned ? [short, long] : [long, short];
  const dx = w / 2 / mPerDegLon;
  const dy = d / 2 / M_PER_DEG_LAT;
  const ring: [number, number][] = [
    [round7(lon - dx), round7(lat - dy)],
    [round7(lon + dx), round7(lat - dy)],
    [round7(lon + dx), round7(lat + dy)],
    [round7(lon - dx), round7(lat + dy)],
  ];
  // The centre as the registry computes it from the boundary (domain/registry/land-plot.ts).
  const boundary: LandPlotPolygon = { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  const centre = boundaryCentre(boundary)!;
  return { plotLon: centre.lon, plotLat: centre.lat, plot: { areaM2: Math.round(w * d), boundary } };
}
