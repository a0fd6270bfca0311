import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { MuElement } from '../core/element.ts';
import { getPhoto } from './client.ts';
import { tr } from './format.ts';
import { reportsStyles } from './styles.ts';

/**
 * One photo of a work line, fetched with the caller's token (an <img src> cannot carry it) and
 * shown from an object URL, freed when the element leaves the page.
 *
 * @element mu-report-photo
 * @attr photo-id - The photo. @attr alt - What it shows.
 * @csspart photo
 */
export class MuReportPhoto extends MuElement {
  static override properties: PropertyDeclarations = {
    photoId: { attribute: 'photo-id' },
    alt: {},
    url: { state: true },
    failed: { state: true },
  };
  declare photoId: string | undefined;
  declare alt: string;
  declare url: string | undefined;
  declare failed: boolean;
  #loaded: string | undefined;

  constructor() {
    super();
    this.alt = '';
    this.failed = false;
  }

  protected override willUpdate(): void {
    const id = this.photoId?.trim();
    if (!id || id === this.#loaded) return;
    this.#loaded = id;
    getPhoto(id, this.settings).then(
      (blob) => {
        if (this.#loaded !== id) return;
        if (this.url) URL.revokeObjectURL(this.url);
        this.url = URL.createObjectURL(blob);
      },
      () => {
        this.failed = true;
      },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = undefined;
    this.#loaded = undefined;
  }

  override render(): TemplateResult | typeof nothing {
    if (this.failed) return html`<span class="muted small">${tr(this.settings.lang, 'photoMissing')}</span>`;
    return this.url ? html`<img part="photo" class="photo" src=${this.url} alt=${this.alt} />` : nothing;
  }

  static override styles = reportsStyles;
}
