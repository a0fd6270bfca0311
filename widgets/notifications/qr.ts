// A QR code as an SVG of dark squares, drawn by Lit from the matrix the `qrcode` package encodes:
// no canvas and no markup strings. Imported on demand by <mu-notification-settings> when it has a
// link to show, so the encoder never rides on the loader's or any other widget's path.
import { html, type TemplateResult } from 'lit';
import { create } from 'qrcode';

/** `text` as a QR code of `size` CSS pixels, with a quiet zone of four modules. */
export function qrSvg(text: string, label: string, size = 176): TemplateResult {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const path: string[] = [];
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (modules.get(y, x)) path.push(`M${x + 4} ${y + 4}h1v1h-1z`);
  const view = n + 8;
  return html`<svg part="qr" class="qr" role="img" aria-label=${label} width=${size} height=${size}
    viewBox="0 0 ${view} ${view}" shape-rendering="crispEdges" data-modules=${n}>
    <rect width=${view} height=${view} fill="#fff"></rect>
    <path d=${path.join('')} fill="#000"></path>
  </svg>`;
}
