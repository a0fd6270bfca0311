// Links into the demo portal. Every mail the platform sends links to `/?open=<kind>:<id>`
// (domain/common/links.ts; older mails `?meeting=<id>` or `?appeal=<id>`), and a widget that points
// at another object fires `mu-navigate` with the same { kind, id }. The portal keeps the target
// while nobody is signed in (the persona choice does not lose it), then opens it for the persona:
// the panel that holds that kind, with the object in it. A host portal maps the same parameter and
// event onto its own pages; this file is the demo's way, written as a host portal team would.

export const OPEN_TEXT = {
  uz: {
    openTarget: 'Havola ochadi: {what}. Uni olgan foydalanuvchini tanlang.',
    openedTitle: 'Havoladan ochilgan',
    k_meeting: 'umumiy yigʻilish',
    k_appeal: 'murojaat',
    k_contract: 'shartnoma',
    k_commissioning: 'foydalanishga topshirish arizasi',
    k_register: 'reyestrdagi tashkilot',
    k_building: 'uy',
    k_receipt: 'kvitansiya',
    k_report: 'choraklik hisobot',
    k_request: 'dispetcherlik xizmatiga ariza',
    notYours: 'Bu foydalanuvchi havoladagi obyektni koʻra olmaydi.',
  },
  ru: {
    openTarget: 'Ссылка открывает: {what}. Выберите пользователя, которому она отправлена.',
    openedTitle: 'Открыто по ссылке',
    k_meeting: 'общее собрание',
    k_appeal: 'обращение',
    k_contract: 'договор',
    k_commissioning: 'заявление о вводе в эксплуатацию',
    k_register: 'организация в реестре',
    k_building: 'дом',
    k_receipt: 'квитанция',
    k_report: 'квартальный отчёт',
    k_request: 'заявка в диспетчерскую службу',
    notYours: 'Этот пользователь не видит объект из ссылки.',
  },
  en: {
    openTarget: 'This link opens {what}. Choose the user it was sent to.',
    openedTitle: 'Opened from a link',
    k_meeting: 'a general meeting',
    k_appeal: 'an appeal',
    k_contract: 'a contract',
    k_commissioning: 'a commissioning application',
    k_register: 'an organization in the register',
    k_building: 'a building',
    k_receipt: 'a receipt',
    k_report: 'a quarterly report',
    k_request: 'a request to the dispatch service',
    notYours: 'This user cannot see what the link names.',
  },
};

const KINDS = [
  'meeting',
  'appeal',
  'contract',
  'commissioning',
  'register',
  'building',
  'receipt',
  'report',
  'request',
];
/**
 * The places (portal.js PLACES) where each kind opens; a persona with none of them is told so
 * rather than left on an unchanged page. Appeals and register entries open in the opened panel,
 * where the API alone decides.
 */
const OPENS_IN = {
  meeting: ['meetings'],
  contract: ['contracts'],
  commissioning: ['commissioning'],
  building: ['apartments', 'buildings'],
  report: ['building-reports', 'report-editor', 'reports-board'],
  request: ['dispatch-request', 'my-jobs', 'dispatch-board'],
  receipt: ['bills'],
};

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

const $ = (selector) => document.querySelector(selector);

/** The object the address names: `open=<kind>:<id>`, or the older one-kind parameters. */
export function targetOf(params) {
  const open = params.get('open') ?? '';
  const colon = open.indexOf(':');
  if (colon > 0) {
    const kind = open.slice(0, colon);
    const id = open.slice(colon + 1);
    if (KINDS.includes(kind) && ID.test(id)) return { kind, id };
  }
  for (const kind of ['meeting', 'appeal', 'contract', 'commissioning']) {
    const id = params.get(kind);
    if (id && ID.test(id)) return { kind, id };
  }
  return null;
}

/** Call once: widgets that link to another object ask the portal to open it. */
export function installOpen(ui) {
  document.addEventListener('mu-navigate', (event) => {
    // <mu-meetings> also tells its own mu-meeting-select, which the meetings panel handles; any
    // other widget's link to a meeting (a repeat's first attempt) opens it here.
    if (event.detail.kind === 'meeting' && event.target?.localName === 'mu-meetings') return;
    event.preventDefault();
    openTarget(ui, event.detail);
  });
}

/** While nobody is signed in: say what the link will open once a persona is chosen. */
export function renderOpenHint(ui) {
  const hint = $('#open-hint');
  const target = ui.state.target;
  hint.hidden = !target || Boolean(ui.state.me);
  hint.textContent = hint.hidden ? '' : ui.t('openTarget', { what: ui.t(`k_${target.kind}`) });
}

/** The opened-object panel: a widget for kinds whose own panel has no detail area. */
function showOpened(ui, widget) {
  const panel = $('#opened-panel');
  $('#opened-title').textContent = ui.t('openedTitle');
  $('#opened-content').replaceChildren(...(widget ? [widget] : []));
  panel.hidden = !widget;
  if (widget) panel.scrollIntoView({ block: 'start' });
}

function widget(tag, attributes) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** Counts the links opened (and persona switches that bring one), so a late answer is for the current one only. */
let openings = 0;

/** Opens `target` for the signed-in persona; without one, keeps it for the persona choice. */
export function openTarget(ui, target) {
  openings++;
  const { state } = ui;
  state.target = target;
  renderOpenHint(ui);
  if (!target || !state.me) return;
  state.target = null;
  ui.remember('open', null);
  showOpened(ui, null);
  const { kind, id } = target;
  if (OPENS_IN[kind] && !OPENS_IN[kind].some((place) => ui.shows(place)))
    return showOpened(
      ui,
      ui.el('p', { className: 'empty', 'data-testid': 'opened-not-yours' }, ui.t('notYours')),
    );
  if (kind === 'meeting') return ui.selectMeeting(id);
  if (kind === 'contract') return ui.selectContract(id);
  if (kind === 'commissioning') return ui.selectApplication(id);
  if (kind === 'appeal')
    return showOpened(ui, widget('mu-appeal-details', { 'appeal-id': id, 'data-testid': 'opened-appeal' }));
  if (kind === 'register')
    return showOpened(ui, widget('mu-register-history', { 'org-id': id, 'data-testid': 'opened-register' }));
  if (kind === 'building') return ui.selectBuilding(id);
  if (kind === 'report') {
    const at = id.lastIndexOf(':');
    const buildingId = at > 0 ? id.slice(0, at) : id;
    ui.selectBuilding(buildingId, { quarter: at > 0 ? id.slice(at + 1) : null });
    return $('#reports-panel').scrollIntoView({ block: 'start' });
  }
  if (kind === 'request') {
    // The resident's requests, the technician's jobs and the board all list requests in the
    // dispatch panel, each item named by data-request-id: the panel, then the request itself.
    const panel = $('#dispatch-panel');
    panel?.scrollIntoView({ block: 'start' });
    sayWhenNotYours(ui, `/api/v1/dispatch/requests/${encodeURIComponent(id)}`);
    return showRequest(panel, id);
  }
  if (kind === 'receipt') {
    ui.state.receiptId = id;
    ui.buildingChosen();
    sayWhenNotYours(ui, `/api/v1/billing/receipts/${encodeURIComponent(id)}`);
    return $('#billing-panel').scrollIntoView({ block: 'start' });
  }
}

/**
 * A request or a receipt opens by pointing at its item in a list, which says nothing when the item
 * is not there: another person's receipt, a request of another building. The API tells whether the
 * persona may see it; when it refuses, the opened panel says so, as for a kind without a panel.
 */
async function sayWhenNotYours(ui, path) {
  const run = openings;
  const refused = await ui.request(path).then(
    () => false,
    (error) => [403, 404].includes(error.problem?.status),
  );
  // Unless the person has moved on to another link or persona meanwhile.
  if (refused && run === openings)
    showOpened(ui, ui.el('p', { className: 'empty', 'data-testid': 'opened-not-yours' }, ui.t('notYours')));
}

/** Scrolls to the request's item once its widget has loaded it (a few seconds at most). */
async function showRequest(panel, id) {
  for (let waited = 0; panel && waited < 10_000; waited += 100) {
    for (const host of panel.querySelectorAll('mu-dispatch-requests, mu-my-jobs, mu-dispatch-board')) {
      const item = host.shadowRoot?.querySelector(`[data-request-id="${id}"]`);
      if (item) {
        item.setAttribute('data-opened', '');
        return item.scrollIntoView({ block: 'start' });
      }
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}
