import { describe, expect, it } from 'vitest';
import { boundaryCentre } from './land-plot.ts';

describe('boundaryCentre', () => {
  it('is the mean of a closed ring, the closing vertex counted once', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [69, 41],
          [69.002, 41],
          [69.002, 41.002],
          [69, 41.002],
          [69, 41],
        ],
      ],
    };
    const centre = boundaryCentre(square)!;
    expect(centre.lon).toBeCloseTo(69.001, 12);
    expect(centre.lat).toBeCloseTo(41.001, 12);
  });
  it('takes every outer ring of a MultiPolygon and ignores holes', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [0, 0],
          ],
          [
            [0.5, 0.5],
            [1, 0.5],
            [1, 1],
            [0.5, 0.5],
          ],
        ],
        [
          [
            [10, 0],
            [12, 0],
            [12, 2],
            [10, 2],
            [10, 0],
          ],
        ],
      ],
    };
    expect(boundaryCentre(multi)).toEqual({ lon: 6, lat: 1 });
  });
  it('is null for anything that is not a polygon', () => {
    expect(boundaryCentre({ type: 'Point', coordinates: [1, 2] })).toBeNull();
    expect(boundaryCentre(null)).toBeNull();
  });
});
