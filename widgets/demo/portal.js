// The demo portal's own script: plain JS, no build, as a real portal team would write it. It only
// uses the public surface of the widgets: window.MeningUyim.configure(), <html lang> and attributes.
import { renderAppeals } from './portal-appeals.js';
import { installBuildings } from './portal-buildings.js';
import { renderCommissioning } from './portal-commissioning.js';
import {
  CONTRACT_START_TEXT,
  contractStartForm,
  organizationSelect,
  startableItems,
} from './portal-contract-start.js';
import { loadRegisterWork, REGISTER_TEXT, renderRegisterWork } from './portal-register.js';

const TEXT = {
  uz: {
    gov: 'Oʻzbekiston Respublikasi uy-joy kommunal xizmatlari',
    tagline: 'Koʻp kvartirali uylarni boshqarishning yagona tizimi',
    home: 'Bosh sahifa',
    cabinet: 'Shaxsiy kabinet',
    demo: 'Demo · ishlab chiqish',
    persona: 'Foydalanuvchi',
    choose: '— tanlang —',
    start: 'Boshlash',
    pick: 'Yuqoridan demo foydalanuvchini tanlang.',
    mail: 'Pochta (ishlab chiqish)',
    register: 'Reyestr',
    refresh: 'Yangilash',
    footer: 'Namuna portal: vidjetlar bitta skript orqali ulanadi.',
    myApartments: 'Mening xonadonlarim',
    buildings: 'Uylar',
    noApartments: 'Xonadonlar topilmadi.',
    noBuildings: 'Uylar topilmadi.',
    noMail: 'Hozircha xatlar yoʻq.',
    signedIn: 'Kirgan: {name}',
    apartment: '{number}-xonadon',
    apartmentMeta: '{entrance}-podyezd · {floor}-qavat · {area} m² · ulush {share}',
    range: '{from}–{to} / {total}',
    prev: '‹ Oldingi',
    next: 'Keyingi ›',
    to: 'Kimga',
    failed: 'Xatolik: {message}',
    green: 'yashil',
    yellow: 'sariq',
    red: 'qizil',
    none: 'baholanmagan',
    meetings: 'Umumiy yigʻilishlar',
    initiate: 'Umumiy yigʻilish chaqirish',
    mTitle: 'Yigʻilish nomi',
    mKind: 'Turi',
    annual: 'Yillik',
    extraordinary: 'Navbatdan tashqari',
    mForm: 'Shakli',
    electronic: 'Elektron',
    absentee: 'Sirtqi (yozma byulletenlar)',
    in_person: 'Yuzma-yuz',
    mixed: 'Aralash',
    mBuilding: 'Uy',
    initiatorAs: 'Tashabbuskor: {who}',
    management_organization: 'boshqaruv tashkiloti',
    council: 'tuman kengashi',
    opens: 'Ovoz berish boshlanadi (Toshkent vaqti)',
    closes: 'Ovoz berish tugaydi (Toshkent vaqti)',
    datesHint: 'Xabarnoma bilan ovoz berish boshlanishi orasida kamida siyosatdagi muddat boʻlishi kerak.',
    item: '{n}-masala',
    itemTitle: 'Masala matni',
    itemDescription: 'Izoh',
    itemKind: 'Masala turi',
    ordinary: 'Oddiy masala',
    management_method: 'Boshqaruv usuli',
    management_organization_item: 'Boshqaruv tashkilotini tanlash',
    capital_repair: 'Kapital taʼmirlash',
    reconstruction: 'Rekonstruksiya',
    common_property_use: 'Umumiy mulkdan foydalanish',
    land_plot_limits: 'Yer uchastkasiga cheklovlar',
    addItem: '+ Masala qoʻshish',
    removeItem: 'Olib tashlash',
    callMeeting: 'Yigʻilishni chaqirish',
    called: 'Yigʻilish chaqirildi: xabarnomalar yuborilmoqda.',
    meetingActions: 'Yigʻilishni boshqarish',
    postponeTitle: 'Ovoz berishni koʻchirish',
    postpone: 'Koʻchirish',
    postponed: 'Yangi sanalar saqlandi.',
    cancelTitle: 'Yigʻilishni bekor qilish',
    cancelMeeting: 'Bekor qilish',
    cancelled: 'Yigʻilish bekor qilindi.',
    reason: 'Sabab',
    protocolTitle: 'Bayonnomani imzolash',
    signChair: 'Rais sifatida imzolash',
    signSecretary: 'Kotib sifatida imzolash',
    signed: 'Imzolandi.',
    noActions: 'Hozir bu yigʻilish boʻyicha amallar yoʻq.',
    contracts: 'Shartnomalar',
    noContracts: 'Shartnomalar topilmadi.',
  },
  ru: {
    gov: 'Жилищно-коммунальные услуги Республики Узбекистан',
    tagline: 'Единая система управления многоквартирными домами',
    home: 'Главная',
    cabinet: 'Личный кабинет',
    demo: 'Демо · разработка',
    persona: 'Пользователь',
    choose: '— выберите —',
    start: 'Начало',
    pick: 'Выберите демо-пользователя вверху.',
    mail: 'Почта (разработка)',
    register: 'Реестр',
    refresh: 'Обновить',
    footer: 'Демо-портал: виджеты подключаются одним скриптом.',
    myApartments: 'Мои квартиры',
    buildings: 'Дома',
    noApartments: 'Квартиры не найдены.',
    noBuildings: 'Дома не найдены.',
    noMail: 'Писем пока нет.',
    signedIn: 'Вход выполнен: {name}',
    apartment: 'Квартира {number}',
    apartmentMeta: 'подъезд {entrance} · этаж {floor} · {area} м² · доля {share}',
    range: '{from}–{to} из {total}',
    prev: '‹ Назад',
    next: 'Далее ›',
    to: 'Кому',
    failed: 'Ошибка: {message}',
    green: 'зелёный',
    yellow: 'жёлтый',
    red: 'красный',
    none: 'не оценён',
    meetings: 'Общие собрания',
    initiate: 'Созвать общее собрание',
    mTitle: 'Название собрания',
    mKind: 'Вид',
    annual: 'Годовое',
    extraordinary: 'Внеочередное',
    mForm: 'Форма',
    electronic: 'Электронное',
    absentee: 'Заочное (письменные бюллетени)',
    in_person: 'Очное',
    mixed: 'Очно-заочное',
    mBuilding: 'Дом',
    initiatorAs: 'Инициатор: {who}',
    management_organization: 'управляющая организация',
    council: 'районный кенгаш',
    opens: 'Начало голосования (время Ташкента)',
    closes: 'Окончание голосования (время Ташкента)',
    datesHint: 'Между уведомлением и началом голосования должен пройти срок, заданный политикой.',
    item: 'Вопрос {n}',
    itemTitle: 'Формулировка',
    itemDescription: 'Пояснение',
    itemKind: 'Тип вопроса',
    ordinary: 'Обычный вопрос',
    management_method: 'Способ управления',
    management_organization_item: 'Выбор управляющей организации',
    capital_repair: 'Капитальный ремонт',
    reconstruction: 'Реконструкция',
    common_property_use: 'Пользование общим имуществом',
    land_plot_limits: 'Ограничения на земельный участок',
    addItem: '+ Добавить вопрос',
    removeItem: 'Удалить',
    callMeeting: 'Созвать собрание',
    called: 'Собрание созвано: уведомления рассылаются.',
    meetingActions: 'Управление собранием',
    postponeTitle: 'Перенести голосование',
    postpone: 'Перенести',
    postponed: 'Новые даты сохранены.',
    cancelTitle: 'Отменить собрание',
    cancelMeeting: 'Отменить',
    cancelled: 'Собрание отменено.',
    reason: 'Причина',
    protocolTitle: 'Подписание протокола',
    signChair: 'Подписать как председатель',
    signSecretary: 'Подписать как секретарь',
    signed: 'Подписано.',
    noActions: 'Сейчас по этому собранию действий нет.',
    contracts: 'Договоры',
    noContracts: 'Договоров нет.',
  },
  en: {
    gov: 'Housing and utility services of the Republic of Uzbekistan',
    tagline: 'One system for managing apartment buildings',
    home: 'Home',
    cabinet: 'My account',
    demo: 'Demo · development',
    persona: 'User',
    choose: '— choose —',
    start: 'Start',
    pick: 'Choose a demo user above.',
    mail: 'Mail (development)',
    register: 'Register',
    refresh: 'Refresh',
    footer: 'Sample portal: the widgets are embedded with one script.',
    myApartments: 'My apartments',
    buildings: 'Buildings',
    noApartments: 'No apartments found.',
    noBuildings: 'No buildings found.',
    noMail: 'No mail yet.',
    signedIn: 'Signed in: {name}',
    apartment: 'Apartment {number}',
    apartmentMeta: 'entrance {entrance} · floor {floor} · {area} m² · share {share}',
    range: '{from}–{to} of {total}',
    prev: '‹ Previous',
    next: 'Next ›',
    to: 'To',
    failed: 'Error: {message}',
    green: 'green',
    yellow: 'yellow',
    red: 'red',
    none: 'not assessed',
    meetings: 'General meetings',
    initiate: 'Call a general meeting',
    mTitle: 'Meeting title',
    mKind: 'Kind',
    annual: 'Annual',
    extraordinary: 'Extraordinary',
    mForm: 'Form',
    electronic: 'Electronic',
    absentee: 'Absentee (written ballots)',
    in_person: 'In person',
    mixed: 'Mixed',
    mBuilding: 'Building',
    initiatorAs: 'Initiator: {who}',
    management_organization: 'management organization',
    council: 'district council',
    opens: 'Voting opens (Tashkent time)',
    closes: 'Voting closes (Tashkent time)',
    datesHint: 'The notice period of the policy must pass between the notice and the opening of the vote.',
    item: 'Item {n}',
    itemTitle: 'Question',
    itemDescription: 'Explanation',
    itemKind: 'Type of question',
    ordinary: 'Ordinary question',
    management_method: 'Management method',
    management_organization_item: 'Choice of management organization',
    capital_repair: 'Capital repair',
    reconstruction: 'Reconstruction',
    common_property_use: 'Use of common property',
    land_plot_limits: 'Limits on the land plot',
    addItem: '+ Add an item',
    removeItem: 'Remove',
    callMeeting: 'Call the meeting',
    called: 'Meeting called: notices are on their way.',
    meetingActions: 'Manage the meeting',
    postponeTitle: 'Postpone the vote',
    postpone: 'Postpone',
    postponed: 'New dates saved.',
    cancelTitle: 'Cancel the meeting',
    cancelMeeting: 'Cancel',
    cancelled: 'The meeting was cancelled.',
    reason: 'Reason',
    protocolTitle: 'Protocol sign-off',
    signChair: 'Sign as chair',
    signSecretary: 'Sign as secretary',
    signed: 'Signed.',
    noActions: 'Nothing to do for this meeting now.',
    contracts: 'Contracts',
    noContracts: 'No contracts.',
  },
};

for (const lang of Object.keys(TEXT))
  Object.assign(TEXT[lang], REGISTER_TEXT[lang], CONTRACT_START_TEXT[lang]);

const PAGE_SIZE = 10;
const DOT = { green: '#1a7f37', yellow: '#e0b000', red: '#c4261d', none: '#9aa5b1' };
const $ = (selector) => document.querySelector(selector);

const state = {
  lang: 'uz',
  personas: [],
  persona: null,
  token: null,
  me: null,
  apartments: null,
  buildings: null,
  page: 1,
  selected: null,
  /** The meeting shown in <mu-meeting>, as its last mu-meeting-loaded event described it. */
  meetingId: null,
  meeting: null,
  /** The last staff action's outcome, kept while the actions re-render: { meetingId, text }. */
  notice: null,
  /** GET /contracts?mine=1 items, or an Error when the list could not be loaded. */
  contracts: null,
  contractId: null,
  /** The register panel's part for this persona (portal-register.js), or an Error. */
  registerWork: null,
  /** The last register change's confirmation, kept while the panel re-renders. */
  registerNotice: null,
  /** Registered organizations, for the agenda's choice of a management organization. */
  registeredOrgs: [],
};

function t(key, params = {}) {
  return TEXT[state.lang][key].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

// Uzbek decimal comma even where the browser's ICU data lacks Uzbek (the widget does the same).
function num(value) {
  const locale = { uz: 'ru-RU', ru: 'ru-RU', en: 'en-GB' }[state.lang];
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

async function request(path, init = {}) {
  const headers = { Accept: 'application/json', ...(init.headers ?? {}) };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    const error = new Error(problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`);
    error.problem = problem;
    throw error;
  }
  return response.json();
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** A calendar day in Tashkent, as the portal's language writes it. */
function dateOf(iso) {
  const locale = { uz: 'ru-RU', ru: 'ru-RU', en: 'en-GB' }[state.lang];
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Tashkent' }).format(
    new Date(iso),
  );
}

function showError(error) {
  $('#portal-error').textContent = error ? t('failed', { message: error.message }) : '';
}

function setLanguage(lang) {
  state.lang = lang;
  localStorage.setItem('mu-demo-lang', lang);
  // The widgets follow <html lang> by themselves; nothing else to tell them.
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const button of document.querySelectorAll('#lang-switcher button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  startForms.clear();
  renderPersonaOptions();
  renderWhoami();
  renderView();
  renderMeetings();
  renderContracts();
  renderMail();
}

function renderPersonaOptions() {
  const select = $('#persona-select');
  select.replaceChildren(
    el('option', { value: '' }, t('choose')),
    ...state.personas.map((p) => el('option', { value: p.key }, p.label[state.lang] ?? p.key)),
  );
  select.value = state.persona?.key ?? '';
}

function renderWhoami() {
  $('#whoami').textContent = state.me ? t('signedIn', { name: state.me.name }) : '';
}

let personaRun = 0;

async function choosePersona(key) {
  // A slower answer for the previous choice must not overwrite the current one.
  const run = ++personaRun;
  showError(null);
  state.persona = state.personas.find((p) => p.key === key) ?? null;
  $('#persona-select').value = state.persona?.key ?? '';
  Object.assign(state, {
    token: null,
    me: null,
    apartments: null,
    buildings: null,
    page: 1,
    selected: null,
    meetingId: null,
    meeting: null,
    homeBuilding: null,
    contracts: null,
    contractId: null,
    registerWork: null,
    registerNotice: null,
    registeredOrgs: [],
  });
  // Empty the widgets first: given the next persona's token, they would reload the previous
  // persona's building or meeting, which the next one may not be allowed to see.
  renderAll();
  window.MeningUyim?.configure({ token: null });
  const url = new URL(location.href);
  if (key) url.searchParams.set('persona', key);
  else url.searchParams.delete('persona');
  url.searchParams.delete('meeting');
  url.searchParams.delete('contract');
  history.replaceState(null, '', url);
  if (!state.persona) return renderAll();
  try {
    const { token } = await request('/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: key }),
    });
    if (run !== personaRun) return;
    state.token = token;
    window.MeningUyim?.configure({ token });
    const me = await request('/api/v1/me');
    const mine = state.persona.role === 'resident' ? await request('/api/v1/me/apartments') : null;
    // Public, no token: the organizations a meeting may choose.
    const orgs = STAFF_INITIATOR[state.persona.role]
      ? await request('/api/v1/register/organizations?status=registered&pageSize=200')
      : null;
    if (run !== personaRun) return;
    state.me = me;
    state.registeredOrgs = orgs?.items ?? [];
    if (mine) {
      state.apartments = mine;
      state.selected = state.persona.buildingId ?? mine[0]?.buildingId ?? null;
    } else if (state.persona.role !== 'developer') {
      // A developer has no registry buildings to list (the API refuses it the list).
      await loadBuildings(1);
      // The persona's own building may sit on a later page; the meeting form offers it anyway.
      const home = state.persona.buildingId;
      if (home && !state.buildings.items.some((b) => b.id === home)) {
        state.homeBuilding = await request(`/api/v1/buildings/${home}`);
      }
    }
  } catch (error) {
    if (run === personaRun) showError(error);
  }
  if (run !== personaRun) return;
  renderAll();
  loadMail();
  await Promise.all([loadContracts(run), loadRegister(run)]);
}

async function loadBuildings(page) {
  const result = await request(`/api/v1/buildings?page=${page}&pageSize=${PAGE_SIZE}`);
  state.buildings = result;
  state.page = result.page;
  if (!result.items.some((b) => b.id === state.selected)) state.selected = result.items[0]?.id ?? null;
}

function renderAll() {
  renderWhoami();
  renderView();
  renderMeetings();
  renderContracts();
}

function renderView() {
  const title = $('#persona-view-title');
  const content = $('#persona-content');
  if (state.apartments) {
    title.textContent = t('myApartments');
    content.replaceChildren(apartmentList());
  } else if (state.buildings) {
    title.textContent = t('buildings');
    content.replaceChildren(buildingList(), pager());
  } else {
    title.textContent = t('start');
    content.replaceChildren(el('p', { className: 'empty' }, t('pick')));
  }
  showCard();
  renderAppeals(state);
  renderCommissioning(ui);
}

function showCard() {
  const card = $('#building-card');
  $('#building-detail').hidden = !state.selected;
  if (state.selected) card.setAttribute('building-id', state.selected);
  else card.removeAttribute('building-id');
}

function apartmentList() {
  if (state.apartments.length === 0) return el('p', { className: 'empty' }, t('noApartments'));
  return el(
    'ul',
    { className: 'list', id: 'apartments-list', 'data-testid': 'apartments-list' },
    ...state.apartments.map((a) =>
      el(
        'li',
        {},
        itemButton(a.buildingId, 'apartment-item', [
          el('span', { className: 'item-title' }, `${t('apartment', { number: a.number })} — ${a.address}`),
          el(
            'span',
            { className: 'item-meta' },
            t('apartmentMeta', {
              entrance: a.entrance,
              floor: a.floor,
              area: num(a.area),
              share: `${a.share.numerator}/${a.share.denominator}`,
            }),
          ),
        ]),
      ),
    ),
  );
}

function buildingList() {
  const { items } = state.buildings;
  if (items.length === 0) return el('p', { className: 'empty' }, t('noBuildings'));
  return el(
    'ul',
    { className: 'list', id: 'buildings-list', 'data-testid': 'buildings-list' },
    ...items.map((b) => {
      const condition = b.conditionClass ?? 'none';
      const dot = el('span', { 'aria-hidden': 'true' }, '● ');
      dot.style.color = DOT[condition];
      return el(
        'li',
        {},
        itemButton(b.id, 'building-item', [
          el('span', { className: 'item-title' }, b.address),
          el('span', { className: 'item-meta' }, dot, `${b.district.name} · ${t(condition)}`),
        ]),
      );
    }),
  );
}

function itemButton(buildingId, testId, children) {
  const button = el(
    'button',
    { type: 'button', 'data-testid': testId, 'data-building-id': buildingId },
    ...children,
  );
  if (buildingId === state.selected) button.setAttribute('aria-current', 'true');
  button.addEventListener('click', () => {
    // Only the marks and the card change: rebuilding the list would drop the keyboard focus.
    state.selected = buildingId;
    for (const other of document.querySelectorAll('#persona-content [data-building-id]')) {
      if (other.dataset.buildingId === buildingId) other.setAttribute('aria-current', 'true');
      else other.removeAttribute('aria-current');
    }
    showCard();
    renderMeetingsList();
    $('#building-card').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
  return button;
}

function pager() {
  const { page, pageSize, total, items } = state.buildings;
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const go = (target) => async () => {
    try {
      await loadBuildings(target);
    } catch (error) {
      showError(error);
    }
    renderView();
  };
  const prev = el('button', { type: 'button', id: 'buildings-prev', disabled: page <= 1 }, t('prev'));
  const next = el(
    'button',
    { type: 'button', id: 'buildings-next', disabled: page * pageSize >= total },
    t('next'),
  );
  prev.addEventListener('click', go(page - 1));
  next.addEventListener('click', go(page + 1));
  const range = t('range', { from, to: from + items.length - 1, total });
  return el('div', { className: 'pager' }, prev, el('span', { id: 'buildings-range' }, range), next);
}

// --- General meetings ------------------------------------------------------------------------
// The widgets do the owner's part (list, agenda, ballot, receipt, discussion, results); the portal
// adds what belongs to staff screens: calling a meeting, postponing or cancelling it, and signing
// the protocol. All of it through the public API with the persona's token.

const STAFF_INITIATOR = { management_company: 'management_organization', council: 'council' };
const MEETING_FORMS = ['electronic', 'absentee', 'in_person', 'mixed'];
const ITEM_KINDS = [
  'ordinary',
  'management_method',
  'management_organization',
  'capital_repair',
  'reconstruction',
  'common_property_use',
  'land_plot_limits',
];
const CHANGEABLE = ['notice', 'discussion'];
const SIGNABLE = ['decided', 'appeal_window'];
const DAY = 24 * 3600 * 1000;
const TASHKENT_OFFSET = 5 * 3600 * 1000;

/** <input type=datetime-local> value for an instant, as Tashkent wall-clock time. */
function tashkentInput(ms) {
  return new Date(ms + TASHKENT_OFFSET).toISOString().slice(0, 19);
}

/** The instant a Tashkent wall-clock input names; the browser's own zone plays no part. */
function fromTashkentInput(value) {
  if (!value) return '';
  return `${value.length === 16 ? `${value}:00` : value}+05:00`;
}

function newKey() {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

function renderMeetings() {
  renderMeetingsList();
  renderRegister();
  renderInitiate();
  showMeeting();
  renderActions();
}

// Kept here: a developer's portal takes the element out of the page.
let meetingsList = null;

function renderMeetingsList() {
  meetingsList ??= $('#meetings-list');
  const list = meetingsList;
  $('#meetings-panel').hidden = !state.me;
  // A developer takes no part in meetings: the list, left in the page, would ask and be refused.
  const developer = state.persona?.role === 'developer';
  if (developer && list.isConnected) list.remove();
  else if (!developer && !list.isConnected) $('#meetings-panel').append(list);
  $('#meetings-panel').hidden ||= developer;
  // Residents see their building's meetings; staff every meeting in their scope.
  if (state.apartments && state.selected) list.setAttribute('building-id', state.selected);
  else list.removeAttribute('building-id');
  if (state.meetingId) list.setAttribute('selected', state.meetingId);
  else list.removeAttribute('selected');
}

// The public register: anyone before choosing a persona, then the management company (its own
// status, and its application when it is not in the register), the council (the organizations it
// may choose), the inspector and the admin, who review applications below the list.
const REGISTER_ROLES = ['management_company', 'council', 'inspector', 'admin'];

/** The helpers the portal's feature files (portal-register.js, portal-contract-start.js) share. */
const ui = { state, t, el, request, field, select, problemNode, newKey, dateOf };

async function loadRegister(run = personaRun) {
  let work;
  try {
    work = await loadRegisterWork(ui);
  } catch (error) {
    // Like the contracts: the register's staff part failing leaves the public list usable.
    work = error;
  }
  if (run !== personaRun) return;
  state.registerWork = work;
  renderRegister();
}

function renderRegister() {
  $('#register-panel').hidden = Boolean(state.persona) && !REGISTER_ROLES.includes(state.persona.role);
  const work = state.registerWork;
  const notice = state.registerNotice
    ? el(
        'p',
        { className: 'form-ok', role: 'status', 'data-testid': 'register-notice' },
        state.registerNotice,
      )
    : null;
  const parts = work instanceof Error ? [problemNode(work)] : renderRegisterWork(ui, work, registerChanged);
  $('#register-work').replaceChildren(...[notice, ...parts].filter(Boolean));
}

async function registerChanged(text) {
  state.registerNotice = text;
  $('#register-list').refresh();
  await loadRegister();
}

function selectMeeting(id, meeting = null) {
  state.meetingId = id;
  state.meeting = meeting;
  // In the address too, so that a reload or another persona opens the same meeting.
  const url = new URL(location.href);
  url.searchParams.set('meeting', id);
  history.replaceState(null, '', url);
  renderMeetingsList();
  showMeeting();
  renderActions();
  $('#meeting-detail').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

function showMeeting() {
  const widget = $('#meeting');
  $('#meeting-detail').hidden = !state.meetingId;
  if (state.meetingId) widget.setAttribute('meeting-id', state.meetingId);
  else widget.removeAttribute('meeting-id');
}

/** A problem+json error as a sentence plus the fields it names. */
function problemNode(error) {
  const fields = error.problem?.errors ?? [];
  return el(
    'div',
    { className: 'form-error', role: 'alert' },
    t('failed', { message: error.message }),
    fields.length
      ? el('ul', {}, ...fields.map((f) => el('li', {}, `${f.field.replace(/^body\./, '')}: ${f.message}`)))
      : null,
  );
}

function field(label, control, hint) {
  return el('label', {}, label, control, hint ? el('span', { className: 'hint' }, hint) : null);
}

function select(name, values, labelOf, value) {
  const node = el('select', { name }, ...values.map((v) => el('option', { value: v }, labelOf(v))));
  if (value) node.value = value;
  return node;
}

function renderInitiate() {
  const panel = $('#initiate-panel');
  const as = state.me && STAFF_INITIATOR[state.persona?.role];
  panel.hidden = !as;
  if (!as) return;
  panel.querySelector('summary').textContent = t('initiate');
  const form = $('#initiate-form');
  const buildings = [state.homeBuilding, ...(state.buildings?.items ?? [])].filter(Boolean);
  const opens = Date.now() + 11 * DAY;
  const items = el('div', { className: 'agenda-items' });
  const addItem = () => {
    const n = items.children.length + 1;
    const remove = el('button', { type: 'button', className: 'secondary' }, t('removeItem'));
    const kind = select('itemKind', ITEM_KINDS, (k) => t(k === 'management_organization' ? `${k}_item` : k));
    // Only a registered organization may be put to the vote: the choice comes from the register.
    const chosen = el('div', { 'data-testid': 'item-organization' });
    kind.addEventListener('change', () => {
      chosen.replaceChildren(
        kind.value === 'management_organization' ? organizationSelect(ui, state.registeredOrgs) : '',
      );
    });
    const row = el(
      'fieldset',
      { 'data-testid': 'agenda-item' },
      el('legend', {}, t('item', { n })),
      field(t('itemTitle'), el('input', { name: 'itemTitle', required: true, maxLength: 300 })),
      field(t('itemDescription'), el('textarea', { name: 'itemDescription', rows: 2 })),
      field(t('itemKind'), kind),
      chosen,
      n > 1 ? remove : null,
    );
    remove.addEventListener('click', () => {
      row.remove();
      [...items.children].forEach((fs, i) => {
        fs.querySelector('legend').textContent = t('item', { n: i + 1 });
      });
    });
    items.append(row);
  };
  addItem();
  const add = el(
    'button',
    { type: 'button', className: 'secondary', 'data-testid': 'add-item' },
    t('addItem'),
  );
  add.addEventListener('click', addItem);
  const status = el('div', { 'aria-live': 'polite', 'data-testid': 'initiate-status' });
  form.className = 'form';
  form.dataset.key = newKey();
  form.replaceChildren(
    el('p', { className: 'hint' }, t('initiatorAs', { who: t(as) })),
    field(t('mTitle'), el('input', { name: 'title', required: true, maxLength: 300 })),
    field(
      t('mBuilding'),
      select(
        'buildingId',
        buildings.map((b) => b.id),
        (id) => buildings.find((b) => b.id === id)?.address ?? id,
        state.persona.buildingId ?? state.selected,
      ),
    ),
    field(t('mKind'), select('kind', ['annual', 'extraordinary'], t)),
    field(t('mForm'), select('form', MEETING_FORMS, t)),
    field(
      t('opens'),
      el('input', { name: 'votingOpensAt', type: 'datetime-local', step: 1, value: tashkentInput(opens) }),
    ),
    field(
      t('closes'),
      el('input', {
        name: 'votingClosesAt',
        type: 'datetime-local',
        step: 1,
        value: tashkentInput(opens + 14 * DAY),
      }),
      t('datesHint'),
    ),
    items,
    el('div', { className: 'row' }, add),
    el('div', { className: 'row' }, el('button', { type: 'submit' }, t('callMeeting'))),
    status,
  );
  form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const agenda = [...items.children].map((fs) => {
      const organizationId = fs.querySelector('[name=itemOrganization]')?.value;
      return {
        title: fs.querySelector('[name=itemTitle]').value,
        description: fs.querySelector('[name=itemDescription]').value,
        kind: fs.querySelector('[name=itemKind]').value,
        ...(organizationId ? { organizationId } : {}),
      };
    });
    const body = {
      title: data.get('title'),
      kind: data.get('kind'),
      form: data.get('form'),
      buildingIds: [data.get('buildingId')],
      initiator: as,
      votingOpensAt: fromTashkentInput(data.get('votingOpensAt')),
      votingClosesAt: fromTashkentInput(data.get('votingClosesAt')),
      agenda,
    };
    try {
      const meeting = await request('/api/v1/meetings', {
        method: 'POST',
        // One key per filled-in form: a double click or a retry calls one meeting, not two.
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': form.dataset.key },
        body: JSON.stringify(body),
      });
      // A fresh, empty form (and key) for the next meeting; the confirmation stays.
      renderInitiate();
      $('[data-testid="initiate-status"]').replaceChildren(el('p', { className: 'form-ok' }, t('called')));
      $('#meetings-list').refresh();
      selectMeeting(meeting.id, meeting);
      renderMeetingsList();
    } catch (error) {
      status.replaceChildren(problemNode(error));
    }
  };
}

/** Contract start forms by user, meeting and item; dropped when the language changes. */
const startForms = new Map();

function renderActions() {
  const panel = $('#meeting-actions');
  const content = $('#meeting-actions-content');
  const m = state.meeting;
  const parts = [];
  if (m && state.me && m.id === state.meetingId && !state.me.roles.includes('inspector')) {
    if (m.initiator.userId === state.me.userId && CHANGEABLE.includes(m.phase)) {
      parts.push(postponeForm(m), cancelForm(m));
    }
    // The chair and secretary are the initiator unless named otherwise; the API decides who signs.
    const signer = [m.chairUserId, m.secretaryUserId].includes(state.persona?.userId);
    if (SIGNABLE.includes(m.phase) && m.protocol && signer) parts.push(signingBlock(m));
    for (const item of startableItems(m, state.me)) {
      // The widget reloads the meeting now and then; the terms being typed must survive that.
      const key = `${state.me.userId}|${m.id}|${item.id}`;
      if (!startForms.has(key)) startForms.set(key, contractStartForm(ui, m, item, contractStarted));
      parts.push(startForms.get(key));
    }
  }
  // Staff are told when there is nothing to do; residents and inspectors just see the meeting.
  const staff = state.me?.roles.some((r) => r === 'management_company' || r === 'council' || r === 'admin');
  if (parts.length === 0 && staff && m) parts.push(el('p', { className: 'empty' }, t('noActions')));
  if (state.notice && state.notice.meetingId === m?.id) {
    parts.unshift(
      el('p', { className: 'form-ok', role: 'status', 'data-testid': 'action-notice' }, state.notice.text),
    );
  }
  panel.hidden = parts.length === 0;
  $('#meeting-actions-title').textContent = t('meetingActions');
  content.replaceChildren(el('div', { className: 'actions' }, ...parts));
}

/** One small form that POSTs to the meeting and refreshes the widgets when it succeeds. */
function actionForm(testId, title, controls, submitLabel, path, bodyOf, done) {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el(
    'form',
    { className: 'form', 'data-testid': testId, noValidate: true },
    el('h3', {}, title),
    ...controls,
    el('div', { className: 'row' }, el('button', { type: 'submit' }, submitLabel)),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await request(`/api/v1/meetings/${state.meetingId}/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(bodyOf(new FormData(form))),
      });
      state.notice = { meetingId: state.meetingId, text: done };
      $('#meeting').refresh();
      $('#meetings-list').refresh();
      renderActions();
    } catch (error) {
      status.replaceChildren(problemNode(error));
    }
  });
  return form;
}

function postponeForm(m) {
  const opens = Date.parse(m.votingOpensAt) + 7 * DAY;
  const length = Date.parse(m.votingClosesAt) - Date.parse(m.votingOpensAt);
  return actionForm(
    'postpone-form',
    t('postponeTitle'),
    [
      field(
        t('opens'),
        el('input', { name: 'votingOpensAt', type: 'datetime-local', step: 1, value: tashkentInput(opens) }),
      ),
      field(
        t('closes'),
        el('input', {
          name: 'votingClosesAt',
          type: 'datetime-local',
          step: 1,
          value: tashkentInput(opens + length),
        }),
      ),
      field(t('reason'), el('input', { name: 'reason', required: true })),
    ],
    t('postpone'),
    'postpone',
    (data) => ({
      votingOpensAt: fromTashkentInput(data.get('votingOpensAt')),
      votingClosesAt: fromTashkentInput(data.get('votingClosesAt')),
      reason: data.get('reason'),
    }),
    t('postponed'),
  );
}

function cancelForm() {
  return actionForm(
    'cancel-form',
    t('cancelTitle'),
    [field(t('reason'), el('input', { name: 'reason', required: true }))],
    t('cancelMeeting'),
    'cancel',
    (data) => ({ reason: data.get('reason') }),
    t('cancelled'),
  );
}

function signingBlock(m) {
  const status = el('div', { 'aria-live': 'polite' });
  const button = (role, label, signed) => {
    const node = el('button', { type: 'button', 'data-testid': `sign-${role}`, disabled: signed }, label);
    node.addEventListener('click', async () => {
      try {
        await request(`/api/v1/meetings/${m.id}/protocol/sign`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ role }),
        });
        state.notice = { meetingId: m.id, text: t('signed') };
        $('#meeting').refresh();
        renderActions();
      } catch (error) {
        status.replaceChildren(problemNode(error));
      }
    });
    return node;
  };
  return el(
    'div',
    { 'data-testid': 'signing' },
    el('h3', {}, t('protocolTitle')),
    el(
      'div',
      { className: 'row' },
      // Only the user holding the role gets its button; the API enforces the same.
      m.chairUserId === state.persona.userId
        ? button('chair', t('signChair'), m.protocol.signedByChair)
        : null,
      m.secretaryUserId === state.persona.userId
        ? button('secretary', t('signSecretary'), m.protocol.signedBySecretary)
        : null,
    ),
    status,
  );
}

// --- Contracts ---------------------------------------------------------------------------------
// The portal lists the persona's contracts; <mu-contract> shows one and does the signing itself.

// Residents too: the owners' authorized representative signs for the owners here.
const CONTRACT_ROLES = ['resident', 'management_company', 'council'];

async function contractStarted(contract) {
  await loadContracts();
  selectContract(contract.id);
}

async function loadContracts(run = personaRun) {
  if (!state.me || !CONTRACT_ROLES.includes(state.persona?.role)) return;
  let contracts;
  try {
    contracts = (await request('/api/v1/contracts?mine=1')).items;
  } catch (error) {
    // The contracts list failing must not take the rest of the portal with it.
    contracts = error;
  }
  if (run !== personaRun) return;
  state.contracts = contracts;
  renderContracts();
}

function renderContracts() {
  const panel = $('#contracts-panel');
  const list = $('#contracts-list');
  panel.hidden = !state.me || !CONTRACT_ROLES.includes(state.persona?.role);
  const detail = $('#contract-detail');
  const widget = $('#contract');
  detail.hidden = panel.hidden || !state.contractId;
  if (state.contractId && !detail.hidden) widget.setAttribute('contract-id', state.contractId);
  else widget.removeAttribute('contract-id');
  if (panel.hidden || state.contracts === null) return list.replaceChildren();
  if (state.contracts instanceof Error) return list.replaceChildren(problemNode(state.contracts));
  if (state.contracts.length === 0)
    return list.replaceChildren(el('p', { className: 'empty' }, t('noContracts')));
  list.replaceChildren(
    el(
      'ul',
      { className: 'list' },
      ...state.contracts.map((c) => {
        const button = el(
          'button',
          { type: 'button', 'data-testid': 'contract-item', 'data-contract-id': c.id },
          el('span', { className: 'item-title' }, c.number),
          el('span', { className: 'item-meta' }, `${c.organization.name} · ${c.state}`),
        );
        if (c.id === state.contractId) button.setAttribute('aria-current', 'true');
        button.addEventListener('click', () => selectContract(c.id));
        return el('li', {}, button);
      }),
    ),
  );
}

function selectContract(id) {
  state.contractId = id;
  const url = new URL(location.href);
  url.searchParams.set('contract', id);
  history.replaceState(null, '', url);
  renderContracts();
  $('#contract-detail').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

let mail = [];

async function loadMail() {
  try {
    mail = await fetch('/dev/mail').then((r) => (r.ok ? r.json() : []));
  } catch {
    mail = [];
  }
  renderMail();
}

function renderMail() {
  const list = $('#mail-list');
  if (mail.length === 0) return list.replaceChildren(el('p', { className: 'empty' }, t('noMail')));
  const when = new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Tashkent',
  });
  list.replaceChildren(
    ...mail.map((m) =>
      el(
        'details',
        { 'data-testid': 'mail-item', 'data-mail-id': m.id },
        el(
          'summary',
          {},
          el('span', { className: 'item-title' }, m.subject),
          el('span', { className: 'item-meta' }, `${t('to')}: ${m.to} · ${when.format(new Date(m.date))}`),
        ),
        el('pre', {}, m.text),
      ),
    ),
  );
}

async function start() {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('lang') ?? localStorage.getItem('mu-demo-lang') ?? document.documentElement.lang;
  for (const button of document.querySelectorAll('#lang-switcher button')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  $('#persona-select').addEventListener('change', (event) => choosePersona(event.target.value));
  installBuildings();
  $('#mail-refresh').addEventListener('click', loadMail);
  $('#meetings-list').addEventListener('mu-meeting-select', (event) => {
    selectMeeting(event.detail.meetingId, event.detail.meeting);
  });
  $('#meeting').addEventListener('mu-meeting-loaded', (event) => {
    state.meeting = event.detail.meeting;
    renderActions();
  });
  // A signature may move the contract to another state: the list shows states too.
  $('#contract').addEventListener('mu-contract-signed', () => loadContracts());
  setInterval(loadMail, 15_000);
  try {
    state.personas = await request('/dev/personas');
  } catch (error) {
    showError(error);
  }
  setLanguage(wanted in TEXT ? wanted : 'uz');
  await loadMail();
  const persona = params.get('persona');
  if (persona) await choosePersona(persona);
  const meeting = params.get('meeting');
  if (persona && meeting) selectMeeting(meeting);
  const contract = params.get('contract');
  if (persona && contract) selectContract(contract);
}

start();
