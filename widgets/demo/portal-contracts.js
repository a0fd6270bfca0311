// The persona's contracts: the portal lists them, <mu-contract> shows the chosen one and does the
// signing itself. A contract started from a meeting's decision opens here too.

export const CONTRACTS_TEXT = {
  uz: { contracts: 'Shartnomalar', noContracts: 'Shartnomalar topilmadi.' },
  ru: { contracts: 'Договоры', noContracts: 'Договоров нет.' },
  en: { contracts: 'Contracts', noContracts: 'No contracts.' },
};

/** The words of a row's "Open" link, as the widgets' lists say them (widgets/core/navigate-messages.ts). */
const OPEN_WORDS = {
  uz: { open: 'Ochish', openWhat: (what) => `${what}: ochish` },
  ru: { open: 'Открыть', openWhat: (what) => `Открыть: ${what}` },
  en: { open: 'Open', openWhat: (what) => `Open ${what}` },
};

/**
 * A row's link to its object, the one the widgets' lists carry (widgets/core/navigate.ts openLink):
 * a plain link in the `?open=<kind>:<id>` pattern whose click first fires `mu-navigate` with
 * { kind, id, href }, so a host portal maps it as it maps the widgets'; this portal's listener
 * (portal-open.js) opens the object and keeps the page. A click for a new tab follows the link.
 */
export function openLinkNode(ui, kind, id, what) {
  const words = OPEN_WORDS[ui.state.lang] ?? OPEN_WORDS.uz;
  const href = `?open=${kind}:${encodeURIComponent(id)}`;
  const link = ui.el(
    'a',
    { className: 'open-link', href, 'data-kind': kind, 'data-id': id, 'aria-label': words.openWhat(what) },
    words.open,
  );
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const detail = { kind, id, href };
    const routed = !link.dispatchEvent(
      new CustomEvent('mu-navigate', { detail, bubbles: true, composed: true, cancelable: true }),
    );
    if (routed) event.preventDefault();
  });
  return link;
}

/** A contract's state as the list says it; <mu-contract> has its own words for the open one. */
const STATE_WORDS = {
  uz: {
    draft: 'loyiha',
    awaiting_signatures: 'imzolar kutilmoqda',
    active: 'amalda',
    amendment_awaiting_signatures: 'oʻzgartirish imzolar kutmoqda',
    termination_awaiting_signatures: 'bekor qilish imzolar kutmoqda',
    terminated: 'bekor qilingan',
  },
  ru: {
    draft: 'проект',
    awaiting_signatures: 'ожидает подписей',
    active: 'действует',
    amendment_awaiting_signatures: 'изменение ожидает подписей',
    termination_awaiting_signatures: 'расторжение ожидает подписей',
    terminated: 'расторгнут',
  },
  en: {
    draft: 'draft',
    awaiting_signatures: 'awaiting signatures',
    active: 'in force',
    amendment_awaiting_signatures: 'amendment awaiting signatures',
    termination_awaiting_signatures: 'termination awaiting signatures',
    terminated: 'terminated',
  },
};

const $ = (selector) => document.querySelector(selector);

/** GET /contracts?mine=1 items, or an Error when the list could not be loaded. */
let contracts = null;

/** Call once: a signature may move a contract to another state, which the list shows too. */
export function installContracts(ui) {
  ui.selectContract = (id) => select(ui, id);
  ui.contractStarted = async (contract) => {
    await loadContracts(ui);
    select(ui, contract.id);
  };
  $('#contract').addEventListener('mu-contract-signed', () => loadContracts(ui));
}

/** `current()` tells whether the persona is still the one this load was for. */
export async function loadContracts(ui, current = () => true) {
  if (!ui.state.me || !ui.shows('contracts')) return;
  let loadedContracts;
  try {
    loadedContracts = (await ui.request('/api/v1/contracts?mine=1')).items;
  } catch (error) {
    // The contracts list failing must not take the rest of the portal with it.
    loadedContracts = error;
  }
  if (!current()) return;
  contracts = loadedContracts;
  renderContracts(ui);
}

export function renderContracts(ui) {
  const { state, t, el } = ui;
  const panel = $('#contracts-panel');
  const list = $('#contracts-list');
  panel.hidden = !state.me || !ui.shows('contracts');
  if (!state.me) contracts = null;
  const detail = $('#contract-detail');
  const widget = $('#contract');
  detail.hidden = panel.hidden || !state.contractId;
  if (state.contractId && !detail.hidden) widget.setAttribute('contract-id', state.contractId);
  else widget.removeAttribute('contract-id');
  if (panel.hidden || contracts === null) return list.replaceChildren();
  if (contracts instanceof Error) return list.replaceChildren(ui.problemNode(contracts));
  if (contracts.length === 0) return list.replaceChildren(el('p', { className: 'empty' }, t('noContracts')));
  list.replaceChildren(
    el(
      'ul',
      { className: 'list' },
      ...contracts.map((c) => {
        const button = el(
          'button',
          { type: 'button', 'data-testid': 'contract-item', 'data-contract-id': c.id },
          el('span', { className: 'item-title' }, c.number),
          el(
            'span',
            { className: 'item-meta' },
            `${c.organization.name} · ${STATE_WORDS[state.lang][c.state] ?? c.state}`,
          ),
        );
        if (c.id === state.contractId) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', () => select(ui, c.id));
        return el('li', {}, button, openLinkNode(ui, 'contract', c.id, c.number));
      }),
    ),
  );
}

function select(ui, id) {
  ui.state.contractId = id;
  ui.remember('contract', id);
  renderContracts(ui);
  $('#contract-detail').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}
