// The public register, <mu-register>, and the register's staff screens next to it: a management
// company outside the register applies, and the district's council and inspectors register or
// reject what awaits review. The portal hands in its helpers (`ui`), so this file holds only the
// register's part.
import {
  correctionsAsked,
  correctionsRequestForm,
  rejectionNotice,
  withdrawButton,
} from './portal-register-corrections.js';

export const REGISTER_TEXT = {
  uz: {
    applyTitle: 'Reyestrga ariza berish',
    applyHint: 'Tashkilotingiz reyestrda yoʻq: talablarga muvofiqlik dalillarini yuboring.',
    district: 'Tuman (koʻrib chiqadi)',
    tin: 'STIR',
    orgName: 'Tashkilot nomi',
    ownFunds: 'Oʻz mablagʻlari, soʻm',
    technicalBase: 'Moddiy-texnik baza',
    category: 'Turkum',
    baseDescription: 'Tavsif',
    quantity: 'Soni',
    addBase: '+ Qoʻshish',
    dispatch: 'Dispetcherlik xizmati',
    hoursPerDay: 'Kuniga soat',
    daysPerWeek: 'Haftasiga kun',
    dispatchPhone: 'Dispetcher telefoni',
    applySubmit: 'Reyestrga ariza berish',
    applied: 'Ariza yuborildi va koʻrib chiqilmoqda.',
    myApplication: 'Arizangiz ({date}): {state}',
    inRegister: 'Tashkilotingiz reyestrda: {state}',
    reviewTitle: 'Koʻrib chiqishni kutayotgan arizalar',
    noApplications: 'Koʻrib chiqishni kutayotgan arizalar yoʻq.',
    submittedOn: 'STIR {tin} · {date}',
    registerIt: 'Reyestrga kiritish',
    rejectIt: 'Rad etish',
    rejectReason: 'Rad etish sababi',
    confirmRegisterTitle: '{name} reyestrga kiritilsinmi?',
    confirmRegisterBody:
      '{name} (STIR {tin}) boshqaruv tashkilotlari reyestriga kiritiladi: u koʻp kvartirali uylarni boshqarishi va shartnomalar tuzishi mumkin boʻladi. Qaror tarixda qayd etiladi.',
    confirmReject: 'Ariza rad etilsinmi?',
    confirmRejectBody:
      '{name} arizasi «{reason}» sababi bilan rad etiladi; tashkilot reyestrga kirmaydi va qaytadan ariza berishi kerak.',
    registeredOk: '{name} reyestrga kiritildi.',
    rejectedOk: '{name} arizasi rad etildi.',
    notMet: 'Talablar bajarilmagan: roʻyxatga kiritib boʻlmaydi.',
    premises: 'Bino-inshoot',
    repair_tools: 'Taʼmirlash asboblari',
    emergency_equipment: 'Avariya uskunalari',
    communication: 'Aloqa vositalari',
    identity: 'Shaxsi',
    own_funds: 'Oʻz mablagʻlari',
    technical_base: 'Moddiy-texnik baza',
    dispatch_service: 'Dispetcherlik xizmati',
    under_review: 'koʻrib chiqilmoqda',
    corrections_requested: 'tuzatish soʻralgan',
    registered: 'roʻyxatga olingan',
    rejected: 'rad etilgan',
    applicant: 'ariza beruvchi',
    suspended: 'toʻxtatilgan',
    removed: 'chiqarilgan',
    requirements_not_met: 'Talablar bajarilmagan',
    false_data: 'Notoʻgʻri maʼlumotlar',
    corrections_not_made: 'Tuzatishlar kiritilmagan',
  },
  ru: {
    applyTitle: 'Заявление о включении в реестр',
    applyHint: 'Вашей организации нет в реестре: представьте подтверждения соответствия требованиям.',
    district: 'Район (рассматривает)',
    tin: 'ИНН',
    orgName: 'Наименование организации',
    ownFunds: 'Собственные средства, сум',
    technicalBase: 'Материально-техническая база',
    category: 'Категория',
    baseDescription: 'Описание',
    quantity: 'Количество',
    addBase: '+ Добавить',
    dispatch: 'Диспетчерская служба',
    hoursPerDay: 'Часов в сутки',
    daysPerWeek: 'Дней в неделю',
    dispatchPhone: 'Телефон диспетчерской',
    applySubmit: 'Подать заявление',
    applied: 'Заявление подано и рассматривается.',
    myApplication: 'Ваше заявление ({date}): {state}',
    inRegister: 'Ваша организация в реестре: {state}',
    reviewTitle: 'Заявления на рассмотрении',
    noApplications: 'Заявлений на рассмотрении нет.',
    submittedOn: 'ИНН {tin} · {date}',
    registerIt: 'Включить в реестр',
    rejectIt: 'Отказать',
    rejectReason: 'Основание отказа',
    confirmRegisterTitle: 'Включить {name} в реестр?',
    confirmRegisterBody:
      '{name} (ИНН {tin}) вносится в реестр управляющих организаций: она сможет управлять многоквартирными домами и заключать договоры. Решение записывается в историю.',
    confirmReject: 'Отказать в заявлении?',
    confirmRejectBody:
      'В заявлении {name} отказывается по основанию «{reason}»; организация не попадает в реестр и должна подать заявление заново.',
    registeredOk: '{name} включена в реестр.',
    rejectedOk: 'В заявлении {name} отказано.',
    notMet: 'Требования не выполнены: включить в реестр нельзя.',
    premises: 'Помещения',
    repair_tools: 'Ремонтный инструмент',
    emergency_equipment: 'Аварийное оборудование',
    communication: 'Средства связи',
    identity: 'Идентификация',
    own_funds: 'Собственные средства',
    technical_base: 'Материально-техническая база',
    dispatch_service: 'Диспетчерская служба',
    under_review: 'на рассмотрении',
    corrections_requested: 'запрошены исправления',
    registered: 'зарегистрирована',
    rejected: 'отказано',
    applicant: 'заявитель',
    suspended: 'приостановлена',
    removed: 'исключена',
    requirements_not_met: 'Требования не выполнены',
    false_data: 'Недостоверные сведения',
    corrections_not_made: 'Исправления не внесены',
  },
  en: {
    applyTitle: 'Apply to the register',
    applyHint: 'Your organization is not in the register: send the evidence that it meets the requirements.',
    district: 'District (reviews it)',
    tin: 'TIN',
    orgName: 'Organization name',
    ownFunds: "Own funds, so'm",
    technicalBase: 'Technical base',
    category: 'Category',
    baseDescription: 'Description',
    quantity: 'Quantity',
    addBase: '+ Add',
    dispatch: 'Dispatch service',
    hoursPerDay: 'Hours per day',
    daysPerWeek: 'Days per week',
    dispatchPhone: 'Dispatch phone',
    applySubmit: 'Apply to the register',
    applied: 'Application sent: it is under review.',
    myApplication: 'Your application ({date}): {state}',
    inRegister: 'Your organization is in the register: {state}',
    reviewTitle: 'Applications awaiting review',
    noApplications: 'No applications await review.',
    submittedOn: 'TIN {tin} · {date}',
    registerIt: 'Register',
    rejectIt: 'Reject',
    rejectReason: 'Reason for rejection',
    confirmRegisterTitle: 'Enter {name} in the register?',
    confirmRegisterBody:
      '{name} (TIN {tin}) is entered in the register of management organizations: it may then manage apartment buildings and sign contracts. The decision is recorded in its history.',
    confirmReject: 'Reject the application?',
    confirmRejectBody:
      'The application of {name} is rejected for “{reason}”; the organization stays out of the register and must apply again.',
    registeredOk: '{name} is now in the register.',
    rejectedOk: 'The application of {name} was rejected.',
    notMet: 'Requirements not met: it cannot be registered.',
    premises: 'Premises',
    repair_tools: 'Repair tools',
    emergency_equipment: 'Emergency equipment',
    communication: 'Communication',
    identity: 'Identity',
    own_funds: 'Own funds',
    technical_base: 'Technical base',
    dispatch_service: 'Dispatch service',
    under_review: 'under review',
    corrections_requested: 'corrections requested',
    registered: 'registered',
    rejected: 'rejected',
    applicant: 'applicant',
    suspended: 'suspended',
    removed: 'removed',
    requirements_not_met: 'Requirements not met',
    false_data: 'False data',
    corrections_not_made: 'Corrections not made',
  },
};

// The deployment's default policy asks for these four; the review's verdicts say what is missing.
const CATEGORIES = ['premises', 'repair_tools', 'emergency_equipment', 'communication'];
const REJECTION_REASONS = ['requirements_not_met', 'false_data', 'corrections_not_made'];
const PENDING = ['under_review', 'corrections_requested'];

/** Every district, page by page: the country has more than one page of them. */
async function allDistricts(ui) {
  const items = [];
  for (let page = 1; ; page++) {
    const got = await ui.request(`/api/v1/districts?pageSize=200&page=${page}`);
    items.push(...got.items);
    if (items.length >= got.total || got.items.length === 0) return { items };
  }
}

/** The staff part below the list, or an Error; the last register change's confirmation. */
const panel = { work: null, notice: null };

/** `current()` tells whether the persona is still the one this load was for. */
export async function loadRegister(ui, current = () => true) {
  let work;
  try {
    work = await loadRegisterWork(ui);
  } catch (error) {
    // Like the contracts: the register's staff part failing leaves the public list usable.
    work = error;
  }
  if (!current()) return;
  panel.work = work;
  renderRegister(ui);
}

export function renderRegister(ui) {
  document.querySelector('#register-panel').hidden = !ui.shows('register');
  if (!ui.state.me) Object.assign(panel, { work: null, notice: null });
  const notice = panel.notice
    ? ui.el('p', { className: 'form-ok', role: 'status', 'data-testid': 'register-notice' }, panel.notice)
    : null;
  const parts =
    panel.work instanceof Error ? [ui.problemNode(panel.work)] : renderRegisterWork(ui, panel.work, changed);
  document.querySelector('#register-work').replaceChildren(...[notice, ...parts].filter(Boolean));

  async function changed(text) {
    panel.notice = text;
    document.querySelector('#register-list').refresh();
    await loadRegister(ui);
  }
}

/** What the panel adds to the public list for this persona; null when nothing. */
async function loadRegisterWork(ui) {
  const me = ui.state.me;
  if (!me) return null;
  if (ui.shows('register-review')) {
    const { items } = await ui.request('/api/v1/register/applications?state=under_review');
    return { kind: 'review', items };
  }
  if (!ui.shows('register-apply') || !me.organizationId) return null;
  const [history, mine, districts] = await Promise.all([
    ui.request(`/api/v1/register/organizations/${me.organizationId}/history`),
    ui.request('/api/v1/register/applications?limit=1'),
    allDistricts(ui),
  ]);
  return {
    kind: 'apply',
    organization: history.organization,
    latest: mine.items[0] ?? null,
    districts: districts.items,
  };
}

/** The panel's part below the list; `changed(text)` reloads it and the list, keeping a notice. */
function renderRegisterWork(ui, work, changed) {
  if (!work) return [];
  if (work.kind === 'review') return [reviewQueue(ui, work.items, changed)];
  const { organization, latest } = work;
  const day = (iso) => ui.dateOf(iso);
  if (latest?.state === 'corrections_requested') {
    return [
      ui.el(
        'p',
        { className: 'hint', 'data-testid': 'my-application', 'data-state': latest.state },
        ui.t('myApplication', { date: day(latest.submittedAt), state: ui.t(latest.state) }),
      ),
      ...correctionsAsked(ui, latest, changed),
      withdrawButton(ui, latest, changed),
    ];
  }
  if (latest && PENDING.includes(latest.state)) {
    return [
      ui.el(
        'p',
        { className: 'hint', 'data-testid': 'my-application', 'data-state': latest.state },
        ui.t('myApplication', { date: day(latest.submittedAt), state: ui.t(latest.state) }),
      ),
      withdrawButton(ui, latest, changed),
    ];
  }
  if (!['applicant', 'removed'].includes(organization.registerStatus)) {
    return [
      ui.el(
        'p',
        { className: 'hint', 'data-testid': 'my-application', 'data-state': organization.registerStatus },
        ui.t('inRegister', { state: ui.t(organization.registerStatus) }),
      ),
    ];
  }
  const rejected = latest?.state === 'rejected' ? rejectionNotice(ui, latest) : null;
  // An application taken back returns to `applicant`; say so, so the applicant knows it is not pending.
  const withdrawn =
    latest?.state === 'applicant'
      ? ui.el(
          'p',
          { className: 'hint', 'data-testid': 'my-application', 'data-state': 'withdrawn' },
          ui.t('withdrawnOn', { date: day(latest.submittedAt) }),
        )
      : null;
  return [rejected, withdrawn, applyForm(ui, work, changed)].filter(Boolean);
}

function baseRow(ui, category) {
  return ui.el(
    'div',
    { className: 'row', 'data-testid': 'base-item' },
    ui.field(ui.t('category'), ui.select('category', CATEGORIES, ui.t, category)),
    ui.field(ui.t('baseDescription'), ui.el('input', { name: 'baseDescription', maxLength: 500 })),
    ui.field(
      ui.t('quantity'),
      ui.el('input', { name: 'quantity', type: 'number', min: 1, step: 1, value: 1 }),
    ),
  );
}

/** The form's label for a field the check or the API names (`technicalBase.2.quantity`…). */
function applyLabel(t, field) {
  const base = /^technicalBase\.(\d+)\.(\w+)$/.exec(field);
  if (base) {
    const what = { category: 'category', description: 'baseDescription', quantity: 'quantity' }[base[2]];
    return what && `${t('technicalBase')} ${Number(base[1]) + 1}: ${t(what)}`;
  }
  const key = {
    districtId: 'district',
    tin: 'tin',
    name: 'orgName',
    ownFundsUzs: 'ownFunds',
    'dispatch.hoursPerDay': 'hoursPerDay',
    'dispatch.daysPerWeek': 'daysPerWeek',
    'dispatch.phone': 'dispatchPhone',
  }[field];
  return key && t(key);
}

function applyForm(ui, { organization, districts }, changed) {
  const { el, t, field } = ui;
  const base = el('div', { className: 'form' }, ...CATEGORIES.map((c) => baseRow(ui, c)));
  const add = el('button', { type: 'button', className: 'secondary' }, t('addBase'));
  add.addEventListener('click', () => base.append(baseRow(ui, CATEGORIES[0])));
  const status = el('div', { 'aria-live': 'polite' });
  const input = (name, props = {}) => el('input', { name, ...props });
  // No district is chosen for the company: the one that reviews it is theirs to name.
  const district = ui.select(
    'districtId',
    districts.map((d) => d.id),
    (id) => districts.find((d) => d.id === id)?.name ?? id,
  );
  district.prepend(el('option', { value: '' }, ui.choosePrompt()));
  district.value = '';
  district.required = true;
  const form = el(
    'form',
    { className: 'form', 'data-testid': 'apply-form', noValidate: true },
    el('h3', {}, t('applyTitle')),
    el('p', { className: 'hint' }, t('applyHint')),
    field(t('district'), district),
    field(
      t('tin'),
      input('tin', { value: organization.tin, inputMode: 'numeric', maxLength: 9, required: true }),
    ),
    field(t('orgName'), input('name', { value: organization.name, maxLength: 300, required: true })),
    // Empty until the company states it: an empty amount is neither 0 nor enough.
    field(t('ownFunds'), input('ownFundsUzs', { type: 'number', min: 0, step: 1000, required: true })),
    el('fieldset', {}, el('legend', {}, t('technicalBase')), base, el('div', { className: 'row' }, add)),
    el(
      'fieldset',
      {},
      el('legend', {}, t('dispatch')),
      field(
        t('hoursPerDay'),
        input('hoursPerDay', { type: 'number', min: 0, max: 24, value: 24, required: true }),
      ),
      field(
        t('daysPerWeek'),
        input('daysPerWeek', { type: 'number', min: 0, max: 7, value: 7, required: true }),
      ),
      field(
        t('dispatchPhone'),
        input('dispatchPhone', { type: 'tel', value: organization.dispatchPhone, maxLength: 32 }),
      ),
    ),
    el('div', { className: 'row' }, el('button', { type: 'submit' }, t('applySubmit'))),
    status,
  );
  const labelOf = (f) => applyLabel(t, f);
  // The control a field's issue belongs to, so it is marked and its mark cleared when edited.
  const controlOf = (f) => {
    const row = /^technicalBase\.(\d+)\.(\w+)$/.exec(f);
    if (row)
      return base.children[Number(row[1])]?.querySelector(
        `[name=${row[2] === 'description' ? 'baseDescription' : row[2]}]`,
      );
    const name = {
      'dispatch.hoursPerDay': 'hoursPerDay',
      'dispatch.daysPerWeek': 'daysPerWeek',
      'dispatch.phone': 'dispatchPhone',
    }[f];
    return form.elements.namedItem(name ?? f);
  };
  let issues = [];
  const show = (found, node) => {
    issues = found;
    for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
    for (const issue of found) controlOf(issue.field)?.setAttribute('aria-invalid', 'true');
    status.replaceChildren(...(node ? [node] : []));
  };
  // An edit takes back what was said about that control, by the check or by the service.
  const edited = (event) => {
    if (!issues.length) return;
    const left = issues.filter((i) => controlOf(i.field) !== event.target);
    if (left.length !== issues.length) show(left, left.length ? ui.issueNode(left, labelOf) : null);
  };
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);
  // One key per filled-in form: a double click applies once.
  const key = ui.newKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const raw = (name) => String(data.get(name) ?? '');
    const rows = [...base.children];
    const number = (min, max) => ({ required: true, number: { min, max } });
    const found = [
      ui.checkField('districtId', raw('districtId'), { required: 'choose' }),
      ui.checkField('tin', raw('tin'), { required: true, tin: true }),
      ui.checkField('name', raw('name'), { required: true, maxLength: 300 }),
      ui.checkField('ownFundsUzs', raw('ownFundsUzs'), number(0)),
      ...rows.flatMap((row, i) => [
        ui.checkField(`technicalBase.${i}.description`, row.querySelector('[name=baseDescription]').value, {
          maxLength: 500,
        }),
        ui.checkField(`technicalBase.${i}.quantity`, row.querySelector('[name=quantity]').value, number(0)),
      ]),
      ui.checkField('dispatch.hoursPerDay', raw('hoursPerDay'), number(0, 24)),
      ui.checkField('dispatch.daysPerWeek', raw('daysPerWeek'), number(0, 7)),
      ui.checkField('dispatch.phone', raw('dispatchPhone'), { maxLength: 32 }),
    ].filter(Boolean);
    if (found.length) {
      show(found, ui.issueNode(found, labelOf));
      controlOf(found[0].field)?.focus();
      return;
    }
    show([], null);
    const body = {
      districtId: raw('districtId'),
      tin: raw('tin').trim(),
      name: raw('name').trim(),
      ownFundsUzs: ui.numberOrNull(raw('ownFundsUzs')),
      technicalBase: rows.map((row) => ({
        category: row.querySelector('[name=category]').value,
        description: row.querySelector('[name=baseDescription]').value,
        quantity: ui.numberOrNull(row.querySelector('[name=quantity]').value),
      })),
      dispatch: {
        hoursPerDay: ui.numberOrNull(raw('hoursPerDay')),
        daysPerWeek: ui.numberOrNull(raw('daysPerWeek')),
        phone: raw('dispatchPhone').trim() || null,
      },
    };
    try {
      await ui.request('/api/v1/register/applications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
      show([], null);
      changed(t('applied'));
    } catch (error) {
      const named = (error.problem?.errors ?? []).map((e) => ({
        ...e,
        field: e.field.replace(/^body\.?/, ''),
      }));
      show(named, ui.problemNode(error, labelOf));
    }
  });
  return form;
}

function reviewQueue(ui, items, changed) {
  const { el, t } = ui;
  return el(
    'div',
    { className: 'actions', 'data-testid': 'review-queue' },
    el('h3', {}, t('reviewTitle')),
    items.length === 0
      ? el('p', { className: 'empty' }, t('noApplications'))
      : el('ul', { className: 'list' }, ...items.map((a) => el('li', {}, reviewCard(ui, a, changed)))),
  );
}

/**
 * The widgets' one confirmation (<mu-confirm>): a decision on an application binds the
 * organization, so it is asked for, saying what will happen, before it is sent.
 */
async function confirmed(request) {
  let dialog = document.querySelector('body > mu-confirm');
  if (!dialog) dialog = document.body.appendChild(document.createElement('mu-confirm'));
  // Its code arrives when the tag first appears, as every element's does.
  await customElements.whenDefined('mu-confirm');
  return dialog.ask(request);
}

function reviewCard(ui, a, changed) {
  const { el, t } = ui;
  const status = el('div', { 'aria-live': 'polite' });
  const met = a.verdicts.every((v) => v.ok);
  const act = (path, body, done, ask) => async () => {
    if (!(await confirmed(ask()))) return;
    try {
      await ui.request(`/api/v1/register/applications/${a.id}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      changed(done);
    } catch (error) {
      status.replaceChildren(ui.problemNode(error));
    }
  };
  const register = el('button', { type: 'button', disabled: !met }, t('registerIt'));
  register.addEventListener(
    'click',
    act('register', {}, t('registeredOk', { name: a.name }), () => ({
      title: t('confirmRegisterTitle', { name: a.name }),
      body: t('confirmRegisterBody', { name: a.name, tin: a.tin }),
      confirm: t('registerIt'),
    })),
  );
  const reason = ui.select('reason', REJECTION_REASONS, t, met ? 'false_data' : 'requirements_not_met');
  const reject = el('button', { type: 'button', className: 'secondary' }, t('rejectIt'));
  reject.addEventListener('click', () =>
    act('reject', { reason: reason.value }, t('rejectedOk', { name: a.name }), () => ({
      title: t('confirmReject'),
      body: t('confirmRejectBody', { name: a.name, reason: t(reason.value) }),
      confirm: t('rejectIt'),
      danger: true,
    }))(),
  );
  return el(
    'div',
    {
      className: 'form',
      'data-testid': 'review-item',
      'data-application-id': a.id,
      'data-org-id': a.organizationId,
    },
    el('span', { className: 'item-title' }, a.name),
    el('span', { className: 'item-meta' }, t('submittedOn', { tin: a.tin, date: ui.dateOf(a.submittedAt) })),
    // What was declared, not only the verdicts: funds, equipment, dispatch hours and phone.
    Object.assign(el('mu-register-application', { 'data-testid': 'declared' }), { application: a }),
    met ? null : el('p', { className: 'hint' }, t('notMet')),
    el('div', { className: 'row' }, register),
    ui.field(t('rejectReason'), reason),
    el('div', { className: 'row' }, reject),
    status,
    correctionsRequestForm(ui, a, changed),
  );
}
