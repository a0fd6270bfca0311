// The commissioning panel of the demo portal: a developer applies for a new building and follows
// its applications; the district's inspector (and the admin) see the applications to check; a
// management company the ones with an act naming it to sign. One application at a time opens in
// <mu-commissioning>, which offers each persona its own steps. Only the widgets' public surface.
// Each row has the "Open" link every list carries (openLinkNode), for a host portal to map.

import { openLinkNode } from './portal-contracts.js';

const TEXT = {
  uz: {
    title: 'Yangi uylarni foydalanishga topshirish',
    newBuilding: 'Yangi uy',
    cadastral: 'Kadastr raqami',
    district: 'Tuman',
    organization: 'Boshqaruv tashkiloti (reyestrdan)',
    developerName: 'Quruvchi',
    email: 'Aloqa uchun e-pochta',
    apply: 'Ariza berish',
    applied: 'Ariza berildi: kadastr soʻralmoqda.',
    none: 'Arizalar yoʻq.',
    open: 'Ochish',
  },
  ru: {
    title: 'Ввод новых домов в эксплуатацию',
    newBuilding: 'Новый дом',
    cadastral: 'Кадастровый номер',
    district: 'Район',
    organization: 'Управляющая организация (из реестра)',
    developerName: 'Застройщик',
    email: 'Электронная почта для связи',
    apply: 'Подать заявление',
    applied: 'Заявление подано: запрошен кадастр.',
    none: 'Заявлений нет.',
    open: 'Открыть',
  },
  en: {
    title: 'Commissioning of new buildings',
    newBuilding: 'New building',
    cadastral: 'Cadastral number',
    district: 'District',
    organization: 'Management organization (from the register)',
    developerName: 'Developer',
    email: 'Contact e-mail',
    apply: 'Apply for commissioning',
    applied: 'Applied: the cadastre is being asked.',
    none: 'No applications.',
    open: 'Open',
  },
};

const panel = { key: null, items: null, districts: [], orgs: [], selected: null, orgId: null, notice: null };
/** The form node, kept across re-renders so what the user typed survives; rebuilt per language. */
let form = { lang: null, node: null };
let initial = true;
let listening = false;

/** Called whenever the portal's view re-renders (persona or language changed). */
export function renderCommissioning(ui) {
  const section = document.querySelector('#commissioning-panel');
  if (!section) return;
  const role = ui.state.persona?.role;
  const me = ui.state.me;
  const shown = Boolean(me && ui.shows('commissioning'));
  section.hidden = !shown;
  const key = JSON.stringify([role ?? null, me?.userId ?? null]);
  if (!listening) {
    listening = true;
    // A step or a signature changes the application's state, which the list shows too.
    section.querySelector('#commissioning').addEventListener('mu-commissioning-changed', () => {
      if (panel.key) void load(ui, panel.key);
    });
  }
  if (panel.key !== key) {
    panel.key = key;
    form = { lang: null, node: null };
    Object.assign(panel, { items: null, districts: [], orgs: [], selected: null, orgId: null, notice: null });
    const url = new URL(location.href);
    // An address the portal was opened with names an application; a later switch forgets it.
    if (initial && me) panel.selected = url.searchParams.get('commissioning');
    else if (!initial) {
      url.searchParams.delete('commissioning');
      history.replaceState(null, '', url);
    }
    if (me) initial = false;
    if (shown) void load(ui, key);
  }
  draw(ui);
}

const tx = (ui, key) => (TEXT[ui.state.lang] ?? TEXT.uz)[key];

async function load(ui, key) {
  try {
    const developer = ui.shows('commissioning-apply');
    const [list, districts, orgs] = await Promise.all([
      ui.request('/api/v1/commissioning/applications'),
      developer ? ui.request('/api/v1/districts?pageSize=200') : null,
      developer ? ui.request('/api/v1/register/organizations?status=registered&pageSize=200') : null,
    ]);
    if (panel.key !== key) return;
    panel.items = list.items;
    panel.districts = districts?.items ?? [];
    panel.orgs = orgs?.items ?? [];
  } catch (error) {
    if (panel.key === key) panel.items = error;
  }
  draw(ui);
}

/** Opens an application in <mu-commissioning>, as a click in the list would (a link in a mail). */
export function openApplication(ui, id) {
  select(ui, id);
  document.querySelector('#commissioning-panel').scrollIntoView({ block: 'start' });
}

function select(ui, id) {
  panel.selected = id;
  const url = new URL(location.href);
  url.searchParams.set('commissioning', id);
  history.replaceState(null, '', url);
  draw(ui);
}

function draw(ui) {
  const { el } = ui;
  const t = (k) => tx(ui, k);
  const section = document.querySelector('#commissioning-panel');
  section.querySelector('#commissioning-title').textContent = t('title');
  const work = section.querySelector('#commissioning-work');
  const widget = section.querySelector('#commissioning');
  if (section.hidden) {
    work.replaceChildren();
    widget.removeAttribute('application-id');
    widget.hidden = true;
    return;
  }
  const parts = [];
  if (ui.shows('commissioning-apply') && panel.items && !(panel.items instanceof Error)) {
    if (form.lang !== ui.state.lang) form = { lang: ui.state.lang, node: applyForm(ui, t) };
    parts.push(form.node);
  }
  if (panel.notice)
    parts.push(
      el('p', { className: 'form-ok', role: 'status', 'data-testid': 'commissioning-notice' }, panel.notice),
    );
  if (panel.items instanceof Error) parts.push(ui.problemNode(panel.items));
  else if (panel.items) parts.push(list(ui, t));
  work.replaceChildren(...parts);
  widget.hidden = !panel.selected;
  if (panel.selected) widget.setAttribute('application-id', panel.selected);
  else widget.removeAttribute('application-id');
  if (panel.orgId) widget.setAttribute('organization-id', panel.orgId);
  else widget.removeAttribute('organization-id');
}

/** An application's state as the list says it (the words of <mu-commissioning>'s badge). */
const STATE_WORDS = {
  uz: {
    applied: 'Ariza berilgan',
    checking: 'Tekshirilmoqda',
    waiting: 'Yetishmayotgan shartlar kutilmoqda',
    commissioned: 'Foydalanishga topshirilgan',
    rejected: 'Rad etilgan',
  },
  ru: {
    applied: 'Заявление подано',
    checking: 'На проверке',
    waiting: 'Ожидаются недостающие условия',
    commissioned: 'Введён в эксплуатацию',
    rejected: 'Отклонено',
  },
  en: {
    applied: 'Applied',
    checking: 'Being checked',
    waiting: 'Waiting for missing conditions',
    commissioned: 'Commissioned',
    rejected: 'Rejected',
  },
};

function list(ui, t) {
  const { el } = ui;
  if (panel.items.length === 0) return el('p', { className: 'empty' }, t('none'));
  return el(
    'ul',
    { className: 'list', 'data-testid': 'commissioning-list' },
    ...panel.items.map((a) => {
      const button = el(
        'button',
        {
          type: 'button',
          'data-testid': 'commissioning-item',
          'data-application-id': a.id,
          'data-state': a.state,
        },
        el('span', { className: 'item-title' }, a.cadastralNumber),
        el(
          'span',
          { className: 'item-meta' },
          `${a.developer.name} · ${ui.dateOf(a.appliedAt)} · ${STATE_WORDS[ui.state.lang][a.state] ?? a.state}`,
        ),
      );
      if (a.id === panel.selected) button.setAttribute('aria-current', 'true');
      button.addEventListener('click', () => select(ui, a.id));
      return el('li', {}, button, openLinkNode(ui, 'commissioning', a.id, a.cadastralNumber));
    }),
  );
}

function applyForm(ui, t) {
  const { el, field } = ui;
  // No silent default: the first option asks to choose, and an unchosen district is not sent.
  const options = (items, label) => [
    el('option', { value: '' }, ui.choosePrompt()),
    ...items.map((x) => el('option', { value: x.id }, label(x))),
  ];
  const districts = el(
    'select',
    { name: 'districtId', required: true },
    ...options(panel.districts, (d) => d.name),
  );
  const orgs = el(
    'select',
    { name: 'organizationId' },
    ...options(panel.orgs, (o) => `${o.name} (${o.tin})`),
  );
  const status = el('div', { 'aria-live': 'polite' });
  const node = el(
    'form',
    { className: 'form', 'data-testid': 'commissioning-form', noValidate: true },
    el('h3', {}, t('newBuilding')),
    field(
      t('cadastral'),
      el('input', { name: 'cadastralNumber', required: true, placeholder: '10:09:01:02:0345' }),
    ),
    field(t('district'), districts),
    field(t('organization'), orgs),
    field(t('developerName'), el('input', { name: 'developerName', value: '"Yangi Shahar Qurilish" MChJ' })),
    field(t('email'), el('input', { name: 'contactEmail', type: 'email', value: 'info@yangishahar.uz' })),
    el('div', { className: 'row' }, el('button', { type: 'submit' }, t('apply'))),
    status,
  );
  // One key per filled-in form: a double click applies once.
  const key = ui.newKey();
  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(node);
    const labels = { cadastralNumber: t('cadastral'), districtId: t('district') };
    const found = [
      ui.checkField('cadastralNumber', String(data.get('cadastralNumber') ?? ''), { required: true }),
      ui.checkField('districtId', String(data.get('districtId') ?? ''), { required: 'choose' }),
    ].filter(Boolean);
    if (found.length) {
      status.replaceChildren(ui.issueNode(found, labels));
      return;
    }
    const body = {
      cadastralNumber: String(data.get('cadastralNumber')).trim(),
      districtId: data.get('districtId'),
      developerName: String(data.get('developerName')).trim(),
      contactEmail: String(data.get('contactEmail')).trim(),
    };
    try {
      const created = await ui.request('/api/v1/commissioning/applications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
      panel.notice = t('applied');
      // A new form, with a new key, for the next building.
      form = { lang: null, node: null };
      panel.orgId = String(data.get('organizationId') || '') || null;
      panel.items = [created, ...(panel.items ?? []).filter((a) => a.id !== created.id)];
      select(ui, created.id);
    } catch (error) {
      status.replaceChildren(ui.problemNode(error, labels));
    }
  });
  // What was said about the fields goes once the person edits them.
  node.addEventListener('input', () => status.replaceChildren());
  return node;
}
