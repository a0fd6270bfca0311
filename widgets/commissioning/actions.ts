// The forms of <mu-commissioning>, one per role: the developer draws up an act, the inspector of
// the district begins the check, commissions or rejects with reasons. The element decides which
// apply and what a submit does; these only lay the controls out, each with its label.
import { html, nothing, type TemplateResult } from 'lit';
import { ACT_KINDS, type ActKind } from '../../domain/commissioning/act.ts';
import type { RegisterListItem as Organization } from '../register/public.ts';
import type { CommissioningView } from './client.ts';
import { ACT_TEXT, type Translate } from './parts.ts';

export interface DrawUpInput {
  kind: ActKind;
  organizationId: string;
  count: number;
  capacityKw: number;
}

export function renderDrawUp(
  t: Translate,
  o: {
    kind: ActKind;
    organizations: Organization[];
    organizationId: string | undefined;
    busy: boolean;
    onKind: (kind: ActKind) => void;
    onSubmit: (input: DrawUpInput) => void;
  },
): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    o.onSubmit({
      kind: o.kind,
      organizationId: String(form.get('organization') ?? ''),
      count: Number(form.get('count') ?? 0),
      capacityKw: Number(form.get('capacity') ?? 0),
    });
  };
  return html`<form part="draw-up-form" class="form" @submit=${submit} aria-labelledby="draw-up-title">
    <h3 id="draw-up-title">${t('drawUp')}</h3>
    <label>${t('actKind')}
      <select name="kind" part="act-kind" @change=${(e: Event) => o.onKind((e.target as HTMLSelectElement).value as ActKind)}>
        ${ACT_KINDS.map((k) => html`<option value=${k} ?selected=${k === o.kind}>${t(ACT_TEXT[k])}</option>`)}
      </select>
    </label>
    <label>${t('organization')}
      <select name="organization" part="organization" required>
        ${o.organizations.map(
          (org) =>
            html`<option value=${org.id} ?selected=${org.id === o.organizationId}>${org.name} (${org.tin})</option>`,
        )}
      </select>
    </label>
    ${
      o.kind === 'solar_transfer'
        ? html`<label>${t('panelsCount')}
              <input name="count" type="number" min="1" step="1" required value="40" />
            </label>
            <label>${t('capacityKw')}
              <input name="capacity" type="number" min="0.1" step="0.1" required value="16.4" />
            </label>`
        : nothing
    }
    <button type="submit" part="draw-up-button" ?disabled=${o.busy}>${t('drawUpButton')}</button>
  </form>`;
}

export function renderInspection(
  t: Translate,
  v: CommissioningView,
  o: {
    busy: boolean;
    onCheck: () => void;
    onCommission: () => void;
    onReject: (reasons: string[]) => void;
  },
): TemplateResult {
  const reject = (event: SubmitEvent) => {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get('reasons') ?? '');
    o.onReject(
      text
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
    );
  };
  const checked = v.state === 'checking' || v.state === 'waiting';
  return html`<section part="inspection" class="form" aria-labelledby="inspection-title">
    <h3 id="inspection-title">${t('inspection')}</h3>
    <p class="buttons">
      ${
        v.state === 'applied'
          ? html`<button type="button" part="check-button" ?disabled=${o.busy} @click=${o.onCheck}>
              ${t('beginCheck')}
            </button>`
          : nothing
      }
      ${
        checked
          ? html`<button type="button" part="commission-button" aria-describedby="commission-note"
              ?disabled=${o.busy || !v.canCommission} @click=${o.onCommission}>${t('commission')}</button>`
          : nothing
      }
    </p>
    ${checked && !v.canCommission ? html`<p id="commission-note" class="muted">${t('notYet')}</p>` : nothing}
    <form part="reject-form" @submit=${reject}>
      <label>${t('reasons')}<textarea name="reasons" rows="3" part="reasons"></textarea></label>
      <button type="submit" part="reject-button" class="danger" ?disabled=${o.busy}>${t('reject')}</button>
    </form>
  </section>`;
}
