// A part of an element that shows only once a person opens it (a "Details" panel, a step a button
// starts) is drawn by a module of its own, fetched when it is first opened, as the confirmation
// dialog is (ask-confirmation.ts): a page pays for that code, and for the widgets it names, only
// then. The build counts every widget a template names as fetched with the page
// (scripts/lib/vite-bundle-report.ts), so such a widget is named only in that module.
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { toApiError } from './loader.ts';
import { renderLoading, renderProblem } from './problem-view.ts';
import { type Loader, loadWithRetry } from './retry-import.ts';

export class LazyPart<M> {
  #host: ReactiveControllerHost;
  #load: Loader<M>;
  #module: M | undefined;
  #loading: Promise<M> | undefined;
  #error: unknown;

  constructor(host: ReactiveControllerHost, load: Loader<M>) {
    this.#host = host;
    this.#load = load;
  }

  /** The module once it is here, without fetching it. */
  get module(): M | undefined {
    return this.#module;
  }

  /** The module, fetched now if it is not here yet (asked for once more if that fails). */
  fetch(): Promise<M> {
    this.#loading ??= loadWithRetry(this.#load).then(
      (module) => {
        this.#module = module;
        this.#host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#error = error;
        console.error(error);
        this.#host.requestUpdate();
        throw error;
      },
    );
    return this.#loading;
  }

  /**
   * `draw(module)` once the module is here; until then "Loading…" while it is fetched, or, when it
   * could not be, the network failure with a button that asks again.
   */
  render(lang: Language, draw: (module: M) => TemplateResult): TemplateResult {
    if (this.#module) return draw(this.#module);
    if (this.#error !== undefined)
      return renderProblem(lang, toApiError(this.#error), () => {
        this.#error = undefined;
        this.#host.requestUpdate();
      });
    this.fetch().catch(() => undefined);
    return renderLoading(lang);
  }
}
