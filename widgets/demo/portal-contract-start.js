// Starting the management contract once owners adopted a management_organization item: the chair,
// the chosen organization's staff or the council fill in the terms; the API checks the decision
// and who may start it, so the portal only decides whom to offer the form. The forms sit under
// the meeting they come from.

export const CONTRACT_START_TEXT = {
  uz: {
    startContractTitle: 'Boshqaruv shartnomasini tuzish',
    startContractHint: '«{item}» masalasi boʻyicha tanlangan tashkilot bilan.',
    services: 'Xizmatlar',
    cleaning: 'Tozalash',
    maintenance: 'Texnik xizmat',
    dispatch_service_c: 'Dispetcherlik',
    current_repair: 'Joriy taʼmir',
    landscaping: 'Obodonlashtirish',
    tariff: 'Tarif, soʻm / m² oyiga',
    termMonths: 'Muddat, oy',
    startDate: 'Boshlanish sanasi',
    startContract: 'Boshqaruv shartnomasini tuzish',
    contractStarted: 'Shartnoma imzolash uchun tayyor.',
  },
  ru: {
    startContractTitle: 'Заключить договор управления',
    startContractHint: 'С организацией, выбранной по вопросу «{item}».',
    services: 'Услуги',
    cleaning: 'Уборка',
    maintenance: 'Техническое обслуживание',
    dispatch_service_c: 'Диспетчерская служба',
    current_repair: 'Текущий ремонт',
    landscaping: 'Благоустройство',
    tariff: 'Тариф, сум / м² в месяц',
    termMonths: 'Срок, месяцев',
    startDate: 'Дата начала',
    startContract: 'Заключить договор управления',
    contractStarted: 'Договор готов к подписанию.',
  },
  en: {
    startContractTitle: 'Start the management contract',
    startContractHint: 'With the organization chosen on “{item}”.',
    services: 'Services',
    cleaning: 'Cleaning',
    maintenance: 'Maintenance',
    dispatch_service_c: 'Dispatch',
    current_repair: 'Current repair',
    landscaping: 'Landscaping',
    tariff: "Tariff, so'm per m² per month",
    termMonths: 'Term, months',
    startDate: 'Start date',
    startContract: 'Start the management contract',
    contractStarted: 'The contract awaits signatures.',
  },
};

// The contract records the service keys, as the demo contract does; labels are the portal's.
const SERVICES = ['cleaning', 'maintenance', 'dispatch', 'current_repair', 'landscaping'];
const DEFAULT_SERVICES = ['cleaning', 'maintenance', 'dispatch'];
const serviceLabel = (t, s) => t(s === 'dispatch' ? 'dispatch_service_c' : s);

/** Adopted items that chose an organization, which this user may start a contract from. */
function startableItems(m, me) {
  // A meeting has a decision once it is decided, and keeps it.
  if (!m || !me || !m.decision) return [];
  const adopted = new Set(m.decision.items.filter((d) => d.accepted).map((d) => d.itemId));
  const council = me.roles.includes('council') || me.roles.includes('admin');
  return m.agenda.filter(
    (a) =>
      a.kind === 'management_organization' &&
      a.organizationId &&
      adopted.has(a.id) &&
      (council ||
        m.chairUserId === me.userId ||
        (me.roles.includes('management_company') && me.organizationId === a.organizationId)),
  );
}

/** The first day of next month, as YYYY-MM-DD. */
function nextMonth() {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Forms by user, meeting and item: the meeting reloads now and then, what is typed must stay. */
const forms = new Map();
let formsLang = null;
/** The meeting as <mu-meeting> last loaded it. */
let loaded = null;

/** The start forms for what the shown meeting lets this user start; `meeting` when it (re)loaded. */
export function renderContractStarts(ui, meeting = loaded) {
  const { state } = ui;
  loaded = meeting;
  const area = document.querySelector('#contract-starts');
  if (formsLang !== state.lang) forms.clear();
  formsLang = state.lang;
  const current = meeting && meeting.id === state.meetingId ? meeting : null;
  const parts = startableItems(current, state.me).map((item) => {
    const key = `${state.me.userId}|${current.id}|${item.id}`;
    if (!forms.has(key)) forms.set(key, contractStartForm(ui, current, item));
    return forms.get(key);
  });
  area.hidden = parts.length === 0;
  area.replaceChildren(...parts);
}

/** The terms form for one adopted item; once started, the portal opens the new contract. */
function contractStartForm(ui, m, item) {
  const { el, t, field } = ui;
  const status = el('div', { 'aria-live': 'polite' });
  const services = el(
    'fieldset',
    {},
    el('legend', {}, t('services')),
    ...SERVICES.map((s) =>
      el(
        'label',
        { className: 'check' },
        el('input', { type: 'checkbox', name: 'services', value: s, checked: DEFAULT_SERVICES.includes(s) }),
        serviceLabel(t, s),
      ),
    ),
  );
  const form = el(
    'form',
    {
      className: 'form panel',
      'data-testid': 'contract-start-form',
      'data-item-id': item.id,
      noValidate: true,
    },
    el('h3', {}, t('startContractTitle')),
    el('p', { className: 'hint' }, t('startContractHint', { item: item.title })),
    services,
    field(
      t('tariff'),
      el('input', { name: 'tariffUzsPerM2', type: 'number', min: 0, step: 50, value: 1500 }),
    ),
    field(t('termMonths'), el('input', { name: 'termMonths', type: 'number', min: 1, max: 120, value: 12 })),
    field(t('startDate'), el('input', { name: 'startDate', type: 'date', value: nextMonth() })),
    el('div', { className: 'row' }, el('button', { type: 'submit' }, t('startContract'))),
    status,
  );
  // One contract per filled-in form, however often it is submitted.
  const key = ui.newKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      kind: 'management',
      organizationId: item.organizationId,
      source: { meetingId: m.id, agendaItemId: item.id },
      parameters: {
        services: data.getAll('services'),
        tariffUzsPerM2: Number(data.get('tariffUzsPerM2')),
        termMonths: Number(data.get('termMonths')),
        startDate: data.get('startDate'),
      },
      lang: ui.state.lang,
    };
    try {
      const contract = await ui.request('/api/v1/contracts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
      status.replaceChildren(el('p', { className: 'form-ok' }, t('contractStarted')));
      ui.contractStarted(contract);
    } catch (error) {
      status.replaceChildren(ui.problemNode(error));
    }
  });
  return form;
}
