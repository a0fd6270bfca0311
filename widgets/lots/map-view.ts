// The district's buildings and lots as an SVG drawing of the land plots' centres, with no tile
// server (portals may run offline). A lot is told by its colour and its pattern together, a
// building's condition class by its shape, so neither depends on seeing colour; the same facts are
// in a table beside it for a screen reader or whoever prefers rows.
import { html, nothing, type SVGTemplateResult, svg, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { MixClass } from '../../domain/lots/types.ts';
import { translate } from '../core/i18n.ts';
import type { DistrictBuilding, LotView } from './client.ts';
import { type MapMessageKey, mapMessages } from './map-messages.ts';

/** Colours told apart with any colour vision; a pattern beside each makes the lot certain. */
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#999999'];
const PATTERNS = 7;
const W = 320;
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
function shape(cls: MixClass, x: number, y: number, fill: string): SVGTemplateResult {
  const common = { stroke: '#222', width: 1.2 };
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

export function renderMap(lang: Language, lots: LotView[], buildings: DistrictBuilding[]): TemplateResult {
  const t = (key: MapMessageKey, params?: Record<string, string | number>) =>
    translate(mapMessages, lang, key, params);
  const index = new Map(lots.map((l, i) => [l.id, { i, number: l.number }]));
  const lotName = (b: DistrictBuilding) => {
    const l = b.lotId ? index.get(b.lotId) : undefined;
    return l ? `${t('colLot')} ${l.number}` : t('noLot');
  };
  const placed = buildings.filter((b) => b.lon !== null && b.lat !== null);
  const lons = placed.map((b) => b.lon!);
  const lats = placed.map((b) => b.lat!);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  // Equirectangular at the district's latitude: a few kilometres are flat enough.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const inner = W - 4 * R;
  const scale = inner / Math.max(spanX, spanY);
  const h = Math.round(spanY * scale + 4 * R);
  const x = (lon: number) => 2 * R + (lon - minLon) * kx * scale;
  const y = (lat: number) => 2 * R + (maxLat - lat) * scale;
  return html`<section part="map" aria-labelledby="map-title">
    <h3 id="map-title">${t('mapTitle')}</h3>
    ${
      placed.length > 0
        ? html`<svg part="map-drawing" viewBox=${`0 0 ${W} ${h}`} role="img" aria-label=${t('mapLabel', { count: placed.length })}>
            <defs>${lots.map((_, i) => pattern(i))}</defs>
            <rect width=${W} height=${h} fill="#f7f7f2"/>
            ${placed.map((b) => {
              const l = b.lotId ? index.get(b.lotId) : undefined;
              const fill = l ? `url(#lot-${l.i})` : '#fff';
              return svg`<g part="map-building" data-building=${b.id} data-lot=${b.lotId ?? ''} data-class=${b.conditionClass}>
                <title>${t('buildingTitle', { address: b.address, lot: lotName(b), condition: t(`class_${b.conditionClass}`) })}</title>
                ${shape(b.conditionClass, x(b.lon!), y(b.lat!), fill)}</g>`;
            })}
          </svg>
          <ul part="map-legend" class="legend" aria-hidden="true">
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
