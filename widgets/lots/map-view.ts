// The district's buildings and lots as an SVG drawing of the land plots from the registry's GeoJSON
// (each plot's outline, filled with its lot's colour and pattern; a building with no outline on
// record by its plot's centre alone), with no tile server (portals may run offline). A lot is told
// by its colour and its pattern together, a building's condition class by the shape of its icon, so
// neither depends on seeing colour; the same facts are in a table beside it for a screen reader or
// whoever prefers rows.
import { html, nothing, type SVGTemplateResult, svg, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { MixClass } from '../../domain/lots/types.ts';
import { translate } from '../core/i18n.ts';
import type { DistrictBuilding, LotView } from './client.ts';
import { type MapMessageKey, mapMessages } from './map-messages.ts';

/** Colours told apart with any colour vision; a pattern beside each makes the lot certain. */
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#999999'];
const PATTERNS = 7;
const W = 480;
const R = 6;

/** The pattern of lot index i: stripes at four angles, dots, crossing lines, or plain. */
function pattern(i: number): SVGTemplateResult {
  const colour = COLOURS[i % COLOURS.length]!;
  const kind = i % PATTERNS;
  const body = [
    svg`<rect width="6" height="6" fill=${colour}/>`,
    svg`<rect width="6" height="6" fill=${colour}/><path d="M0 6L6 0" stroke="#fff" stroke-width="1.5"/>`,
    svg`<rect width="6" height="6" fill=${colour}/><path d="M0 0L6 6" stroke="#fff" stroke-width="1.5"/>`,
    svg`<rect width="6" height="6" fill=${colour}/><path d="M0 3H6" stroke="#fff" stroke-width="1.5"/>`,
    svg`<rect width="6" height="6" fill=${colour}/><path d="M3 0V6" stroke="#fff" stroke-width="1.5"/>`,
    svg`<rect width="6" height="6" fill=${colour}/><circle cx="3" cy="3" r="1.3" fill="#fff"/>`,
    svg`<rect width="6" height="6" fill=${colour}/><path d="M0 3H6M3 0V6" stroke="#fff" stroke-width="1"/>`,
  ][kind];
  return svg`<pattern id=${`lot-${i}`} width="6" height="6" patternUnits="userSpaceOnUse">${body}</pattern>`;
}

/** The condition class as a shape centred on (x, y). */
function shape(cls: MixClass, x: number, y: number, fill: string, R = 6): SVGTemplateResult {
  const common = { stroke: '#222', width: R < 4 ? 0.8 : 1.2 };
  switch (cls) {
    case 'green':
      return svg`<circle cx=${x} cy=${y} r=${R} fill=${fill} stroke=${common.stroke} stroke-width=${common.width}/>`;
    case 'yellow':
      return svg`<path d=${`M${x} ${y - R - 1}L${x + R + 1} ${y + R}L${x - R - 1} ${y + R}Z`} fill=${fill} stroke=${common.stroke} stroke-width=${common.width}/>`;
    case 'red':
      return svg`<rect x=${x - R} y=${y - R} width=${2 * R} height=${2 * R} fill=${fill} stroke=${common.stroke} stroke-width=${common.width}/>`;
    default:
      return svg`<path d=${`M${x} ${y - R - 1}L${x + R + 1} ${y}L${x} ${y + R + 1}L${x - R - 1} ${y}Z`} fill=${fill} stroke=${common.stroke} stroke-width=${common.width}/>`;
  }
}

/** A building's place on the map: its plot's rings and the point its icon stands on. */
interface Placed {
  b: DistrictBuilding;
  rings: [number, number][][];
  at: [number, number];
}

function place(b: DistrictBuilding): Placed | null {
  const rings = (b.outline ?? []).filter((r) => r.length >= 3);
  if (b.lon !== null && b.lat !== null) return { b, rings, at: [b.lon, b.lat] };
  const all = rings.flat();
  if (all.length === 0) return null;
  const mean = (k: 0 | 1) => all.reduce((s, p) => s + p[k], 0) / all.length;
  return { b, rings, at: [mean(0), mean(1)] };
}

export function renderMap(lang: Language, lots: LotView[], buildings: DistrictBuilding[]): TemplateResult {
  const t = (key: MapMessageKey, params?: Record<string, string | number>) =>
    translate(mapMessages, lang, key, params);
  const index = new Map(lots.map((l, i) => [l.id, { i, number: l.number }]));
  const lotName = (b: DistrictBuilding) => {
    const l = b.lotId ? index.get(b.lotId) : undefined;
    return l ? `${t('colLot')} ${l.number}` : t('noLot');
  };
  const placed = buildings.map(place).filter((p): p is Placed => p !== null);
  const points = placed.flatMap((p) => [p.at, ...p.rings.flat()]);
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  // Equirectangular at the district's latitude: a few kilometres are flat enough.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const inner = W - 4 * R;
  const scale = inner / Math.max(spanX, spanY);
  const h = Math.round(spanY * scale + 4 * R);
  const x = (lon: number) => 2 * R + (lon - minLon) * kx * scale;
  const y = (lat: number) => 2 * R + (maxLat - lat) * scale;
  // The icon no larger than a plot drawn at this scale, so the lot's pattern shows around it.
  const widths = placed
    .filter((p) => p.rings.length > 0)
    .map((p) => {
      const xs = p.rings[0]!.map((v) => x(v[0]));
      return Math.max(...xs) - Math.min(...xs);
    })
    .sort((a, b) => a - b);
  const r = Math.min(R, Math.max(2, (widths[widths.length >> 1] ?? 4 * R) / 3));
  const ring = (pts: [number, number][]) =>
    `M${pts.map(([lon, lat]) => `${x(lon).toFixed(1)} ${y(lat).toFixed(1)}`).join('L')}Z`;
  return html`<section part="map" aria-labelledby="map-title">
    <h3 id="map-title">${t('mapTitle')}</h3>
    ${
      placed.length > 0
        ? html`<svg part="map-drawing" viewBox=${`0 0 ${W} ${h}`} role="img" aria-label=${t('mapLabel', { count: placed.length })}>
            <defs>${lots.map((_, i) => pattern(i))}</defs>
            <rect width=${W} height=${h} fill="#f7f7f2"/>
            ${placed.map(({ b, rings, at }) => {
              const l = b.lotId ? index.get(b.lotId) : undefined;
              const fill = l ? `url(#lot-${l.i})` : '#fff';
              const edge = l ? COLOURS[l.i % COLOURS.length]! : '#888';
              return svg`<g part="map-building" data-building=${b.id} data-lot=${b.lotId ?? ''} data-class=${b.conditionClass}>
                <title>${t('buildingTitle', { address: b.address, lot: lotName(b), condition: t(`class_${b.conditionClass}`) })}</title>
                ${rings.length > 0 ? svg`<path part="map-plot" d=${rings.map(ring).join('')} fill=${fill} stroke=${edge} stroke-width="1"/>` : nothing}
                ${shape(b.conditionClass, x(at[0]), y(at[1]), rings.length > 0 ? '#fff' : fill, r)}</g>`;
            })}
          </svg>
          <ul part="map-legend" class="legend" aria-hidden="true">
            ${lots.map(
              (l, i) =>
                html`<li data-lot=${l.id}><svg viewBox="0 0 16 16" width="16" height="16"><rect x="1" y="1" width="14" height="14" fill=${`url(#lot-${i})`} stroke=${COLOURS[i % COLOURS.length]!}/></svg>
                  ${t('colLot')} ${l.number}</li>`,
            )}
            ${(['green', 'yellow', 'red', 'unassessed'] as const).map(
              (c) =>
                html`<li><svg viewBox="0 0 16 16" width="16" height="16">${shape(c, 8, 8, '#fff')}</svg> ${t(`class_${c}`)}</li>`,
            )}
          </ul>`
        : nothing
    }
    ${buildings.length > placed.length ? html`<p class="muted">${t('noPlace', { n: buildings.length - placed.length })}</p>` : nothing}
    <details part="map-table"><summary>${t('mapTable')}</summary>
      <div class="scroll"><table>
        <thead><tr><th scope="col">${t('colAddress')}</th><th scope="col">${t('colLot')}</th>
          <th scope="col">${t('colApartments')}</th><th scope="col">${t('colCondition')}</th></tr></thead>
        <tbody>${buildings.map(
          (b) => html`<tr data-building=${b.id}><td>${b.address}</td><td>${lotName(b)}</td>
            <td class="num">${b.apartments}</td><td>${t(`class_${b.conditionClass}`)}</td></tr>`,
        )}</tbody>
      </table></div>
    </details>
  </section>`;
}
