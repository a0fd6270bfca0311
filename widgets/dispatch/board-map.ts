// Where the open requests are: the buildings drawn at their plots' centres in an SVG scaled to the
// organization's own area (no tile server: a dispatcher needs which building, not the streets), or,
// when no building has a plot on record, a list grouped by building. Each point says its address
// and count in words as well, for a screen reader and for a phone too narrow to hover.
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { Translate } from '../core/i18n.ts';
import type { BoardItem } from './board-client.ts';
import type { DispatchBoardMessageKey } from './board-messages.ts';

interface Place {
  buildingId: string;
  address: string;
  lon: number | null;
  lat: number | null;
  count: number;
  emergency: boolean;
}

function places(items: readonly BoardItem[]): Place[] {
  const by = new Map<string, Place>();
  for (const i of items) {
    const p = by.get(i.buildingId) ?? {
      buildingId: i.buildingId,
      address: i.building.address,
      lon: i.building.plotLon,
      lat: i.building.plotLat,
      count: 0,
      emergency: false,
    };
    p.count++;
    p.emergency ||= i.urgency === 'emergency';
    by.set(i.buildingId, p);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.address.localeCompare(b.address));
}

const W = 320;
const H = 200;
const PAD = 16;

function renderSvg(t: Translate<DispatchBoardMessageKey>, all: Place[]): TemplateResult {
  const located = all.filter((p) => p.lon !== null && p.lat !== null);
  const lons = located.map((p) => p.lon!);
  const lats = located.map((p) => p.lat!);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Longitude shrinks with latitude; without this a city block would look twice as wide as it is.
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * squeeze, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const x = (lon: number) => PAD + ((lon - minLon) * squeeze * scale || (W - 2 * PAD) / 2);
  const y = (lat: number) => H - PAD - ((lat - minLat) * scale || (H - 2 * PAD) / 2);
  return html`<svg part="map" class="map" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('mapLabel', { n: located.length })}>
    <rect x="0" y="0" width=${W} height=${H} class="ground"></rect>
    ${located.map(
      (p) => svg`<g class=${p.emergency ? 'point emergency' : 'point'} data-building-id=${p.buildingId}>
        <title>${t('mapPoint', { address: p.address, n: p.count })}</title>
        <circle cx=${x(p.lon!)} cy=${y(p.lat!)} r=${Math.min(6 + 2 * p.count, 16)}></circle>
        <text x=${x(p.lon!)} y=${y(p.lat!)} dy="0.35em" text-anchor="middle">${p.count}</text>
      </g>`,
    )}
  </svg>`;
}

export function renderMap(
  t: Translate<DispatchBoardMessageKey>,
  items: readonly BoardItem[],
): TemplateResult {
  const all = places(items);
  const drawn = all.some((p) => p.lon !== null && p.lat !== null);
  return html`<section part="map-section" class="map-section" aria-labelledby="map-title">
    <h3 id="map-title">${t('mapTitle')}</h3>
    ${drawn ? renderSvg(t, all) : nothing}
    <ul part="by-building" class="by-building">
      ${all.map(
        (p) =>
          html`<li data-building-id=${p.buildingId}>
            ${p.emergency ? html`<span aria-hidden="true">⚠ </span>` : nothing}${t('byBuilding', { address: p.address, n: p.count })}
          </li>`,
      )}
    </ul>
  </section>`;
}

export const mapStyles = css`
  .map {
    display: block;
    width: 100%;
    max-width: 32rem;
    height: auto;
    margin: 0 0 0.5rem;
  }
  .map .ground {
    fill: var(--mu-color-selected, #f4f7fb);
    stroke: var(--mu-color-border, #d6dde6);
  }
  .map circle {
    fill: var(--mu-color-accent, #0b5fa5);
    fill-opacity: 0.85;
  }
  .map .emergency circle {
    fill: var(--mu-dispatch-danger, #b3261e);
  }
  .map text {
    fill: #fff;
    font-size: 10px;
    font-weight: 600;
  }
  .by-building {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
`;
