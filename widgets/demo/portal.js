// The demo portal's shell: plain JS, no build, as a real portal team would write it. It signs a
// demo persona in, places each persona's panels (PLACES) and passes the language and the token on;
// what a user may do inside a panel is the widgets' and the API's decision, never the portal's.
// It uses only the widgets' public surface: window.MeningUyim.configure() and .loadForms(), <html lang>,
// attributes and events.
import { renderAppeals } from './portal-appeals.js';
import { renderBilling } from './portal-billing.js';
import { BUILDINGS_TEXT, installBuildings, loadBuildings, renderBuildings } from './portal-buildings.js';
import { openApplication, renderCommissioning } from './portal-commissioning.js';
import { CONTRACT_START_TEXT } from './portal-contract-start.js';
import { CONTRACTS_TEXT, installContracts, loadContracts, renderContracts } from './portal-contracts.js';
import { renderDispatch } from './portal-dispatch.js';
import { renderLots } from './portal-lots.js';
import { installMail, loadMail, MAIL_TEXT, renderMail } from './portal-mail.js';
import { installMeetings, MEETINGS_TEXT, renderMeetings } from './portal-meetings.js';
import { renderNotifications } from './portal-notifications.js';
import { installOpen, OPEN_TEXT, openTarget, renderOpenHint, targetOf } from './portal-open.js';
import { loadRegister, REGISTER_TEXT, renderRegister } from './portal-register.js';
import { CORRECTIONS_TEXT } from './portal-register-corrections.js';
import { renderReports } from './portal-reports.js';

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
    register: 'Reyestr',
    footer: 'Namuna sayt: vidjetlar unga bitta skript bilan ulanadi.',
    signedIn: 'Kirgan: {name}',
    buildingLabel: 'Uy',
    meetingLabel: 'Yigʻilish',
    contractLabel: 'Shartnoma',
    crumbsLabel: 'Sahifa yoʻli',
    failed: 'Xatolik: {message}',
    tooManySignIns: 'Bu manzildan kirishlar juda koʻp: bir daqiqadan keyin qayta urinib koʻring.',
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
    register: 'Реестр',
    footer: 'Демо-портал: виджеты подключаются одним скриптом.',
    signedIn: 'Вход выполнен: {name}',
    buildingLabel: 'Дом',
    meetingLabel: 'Собрание',
    contractLabel: 'Договор',
    crumbsLabel: 'Навигационная цепочка',
    failed: 'Ошибка: {message}',
    tooManySignIns: 'Слишком много входов с этого адреса: попробуйте снова через минуту.',
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
    register: 'Register',
    footer: 'Sample portal: the widgets are embedded with one script.',
    signedIn: 'Signed in: {name}',
    buildingLabel: 'Building',
    meetingLabel: 'Meeting',
    contractLabel: 'Contract',
    crumbsLabel: 'Breadcrumb',
    failed: 'Error: {message}',
    tooManySignIns: 'Too many sign-ins from this address: try again in a minute.',
  },
};

for (const lang of Object.keys(TEXT)) {
  for (const words of [
    BUILDINGS_TEXT,
    MEETINGS_TEXT,
    CONTRACTS_TEXT,
    CONTRACT_START_TEXT,
    REGISTER_TEXT,
    CORRECTIONS_TEXT,
    MAIL_TEXT,
    OPEN_TEXT,
  ])
    Object.assign(TEXT[lang], words[lang]);
}

/**
 * Which panels each persona's role sees; '' is the visitor who has not chosen one yet. The public
 * register is for everyone before a choice, then for those who work with it. A persona whose work
 * differs from others of its role (the technician on call) has its own line, by its key.
 */
const PLACES = {
  '': ['register'],
  resident: [
    'apartments',
    'meetings',
    'contracts',
    'appeal-form',
    'dispatch-request',
    'bills',
    'building-reports',
    'notifications',
    'building-lot',
  ],
  technician: ['my-jobs'],
  management_company: [
    'buildings',
    'meetings',
    'call-meeting',
    'contracts',
    'register',
    'register-apply',
    'appeals-board',
    'dispatch-board',
    'dispatch-roster',
    'commissioning',
    'building-account',
    'report-editor',
    'building-reports',
    'mailing-report',
    'open-lots',
  ],
  council: [
    'buildings',
    'meetings',
    'call-meeting',
    'contracts',
    'register',
    'register-review',
    'appeals-board',
    'dispatch-figures',
    'building-account',
    'reports-board',
    'lots',
    'notice-proof',
  ],
  inspector: [
    'buildings',
    'assess',
    'meetings',
    'register',
    'register-review',
    'appeals-board',
    'dispatch-figures',
    'commissioning',
    'building-account',
    'reports-board',
    'notice-proof',
  ],
  admin: [
    'buildings',
    'assess',
    'meetings',
    'register',
    'register-review',
    'appeals-board',
    'commissioning',
    'building-account',
    'notice-proof',
  ],
  developer: ['commissioning', 'commissioning-apply'],
};

const $ = (selector) => document.querySelector(selector);

/** What a persona's session holds; a persona switch starts again from this. */
const signedOut = () => ({
  token: null,
  me: null,
  /** The persona's apartments (residents) or a page of buildings (staff); see portal-buildings.js. */
  apartments: null,
  buildings: null,
  page: 1,
  /** The building whose card is shown and whose meetings a resident sees. */
  selected: null,
  meetingId: null,
  contractId: null,
  /** What a link opened in the bills (a receipt) and the reports (a quarter); see portal-open.js. */
  receiptId: null,
  reportQuarter: null,
});

/** `target` is what the address or a widget asked to open (portal-open.js); it outlives a sign-in. */
const state = { lang: 'uz', personas: [], persona: null, target: null, ...signedOut() };

function t(key, params = {}) {
  return TEXT[state.lang][key].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
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
  const timeZone = 'Asia/Tashkent';
  // Chromium's ICU has no Uzbek month names (and Russian ones are wrong in Uzbek): 06.12.2026.
  const format =
    state.lang === 'uz'
      ? new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone })
      : new Intl.DateTimeFormat(state.lang === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeZone });
  return format.format(new Date(iso));
}

/**
 * A problem+json error as a sentence plus the fields it names, each under `labels[field]` (the
 * form's own label) and in the chosen language (the widgets' templates, by the field's code).
 */
function problemNode(error, labels = {}) {
  const issues = error.problem?.errors ? forms().problemIssues({ problem: error.problem }) : [];
  return issueNode(
    issues,
    labels,
    issues.length ? forms().fieldsWrongText(state.lang) : t('failed', { message: error.message }),
  );
}

/** The widgets' form helpers, fetched once from the bundle (its script runs before this one). */
const formHelpers = await window.MeningUyim.loadForms();
const forms = () => formHelpers;

/** What a form's check or the API found wrong, field by field, as an alert under `heading`. */
function issueNode(issues, labels, heading = forms().fieldsWrongText(state.lang)) {
  return el(
    'div',
    { className: 'form-error', role: 'alert', 'data-testid': 'form-error' },
    el('p', {}, heading),
    issues.length
      ? el(
          'ul',
          {},
          ...issues.map((issue) => {
            const { text, english } = forms().fieldIssueText(state.lang, issue);
            return el(
              'li',
              { 'data-field': issue.field },
              `${(typeof labels === 'function' ? labels(issue.field) : labels[issue.field]) ?? issue.field}: `,
              el('span', english ? { lang: 'en' } : {}, text),
            );
          }),
        )
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

function newKey() {
  return crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** The URL keeps the persona, meeting, contract…: a reload or another persona opens the same. */
function remember(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value);
  else url.searchParams.delete(name);
  history.replaceState(null, '', url);
}

const shows = (place) =>
  (PLACES[state.persona?.key ?? ''] ?? PLACES[state.persona?.role ?? ''] ?? []).includes(place);

/** What the feature files (portal-*.js) share: state, words, requests and small DOM helpers. */
const ui = {
  state,
  t,
  el,
  request,
  field,
  select,
  problemNode,
  issueNode,
  checkField: (...args) => forms().checkField(...args),
  numberOrNull: (raw) => forms().numberOrNull(raw),
  choosePrompt: () => forms().choosePromptText(state.lang),
  newKey,
  dateOf,
  shows,
  remember,
  /** A panel changed the selected building: the lists that follow it are drawn again. */
  buildingChosen: () => {
    renderMeetings(ui);
    renderBilling(ui);
    renderReports(ui);
    renderDispatch(ui);
    renderLots(ui);
  },
  selectApplication: (id) => openApplication(ui, id),
  /** Shows a building's card and what follows it, as a click in the list would. */
  selectBuilding: (id, { quarter = null } = {}) => {
    state.selected = id;
    state.reportQuarter = quarter;
    renderBuildings(ui);
    ui.buildingChosen();
    $('#building-card').scrollIntoView({ block: 'start' });
  },
  showError,
};

function showError(error) {
  // The sign-in's rate limit (429) is the one refusal a visitor meets here; its detail is English.
  const text =
    error?.problem?.status === 429 ? t('tooManySignIns') : error && t('failed', { message: error.message });
  $('#portal-error').textContent = text || '';
}

function setLanguage(lang) {
  state.lang = lang;
  localStorage.setItem('mu-demo-lang', lang);
  // The widgets follow <html lang> by themselves; nothing else to tell them.
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]'))
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const button of document.querySelectorAll('#lang-switcher button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  renderPersonaOptions();
  renderAll();
  renderMail(ui);
}

function renderPersonaOptions() {
  const select = $('#persona-select');
  select.replaceChildren(
    el('option', { value: '' }, t('choose')),
    ...state.personas.map((p) => el('option', { value: p.key }, p.label[state.lang] ?? p.key)),
  );
  select.value = state.persona?.key ?? '';
}

function renderAll() {
  $('#whoami').textContent = state.me ? t('signedIn', { name: state.me.name }) : '';
  renderBuildings(ui);
  renderMeetings(ui);
  renderContracts(ui);
  renderRegister(ui);
  renderAppeals(ui);
  renderDispatch(ui);
  renderBilling(ui);
  renderReports(ui);
  renderLots(ui);
  renderNotifications(ui);
  renderCommissioning(ui);
  renderOpenHint(ui);
}

let personaRun = 0;

async function choosePersona(key) {
  // A slower answer for the previous choice must not overwrite the current one.
  const run = ++personaRun;
  showError(null);
  state.persona = state.personas.find((p) => p.key === key) ?? null;
  $('#persona-select').value = state.persona?.key ?? '';
  Object.assign(state, signedOut());
  // Empty the widgets first: given the next persona's token, they would reload the previous
  // persona's building or meeting, which the next one may not be allowed to see.
  renderAll();
  window.MeningUyim?.configure({ token: null });
  remember('persona', key);
  for (const name of ['meeting', 'contract']) remember(name, null);
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
    if (run !== personaRun) return;
    state.me = me;
    await loadBuildings(ui);
  } catch (error) {
    if (run === personaRun) showError(error);
  }
  if (run !== personaRun) return;
  renderAll();
  loadMail(ui);
  // A link followed before the sign-in opens now, for the persona just chosen.
  if (state.me) openTarget(ui, state.target);
  await Promise.all([
    loadContracts(ui, () => run === personaRun),
    loadRegister(ui, () => run === personaRun),
  ]);
}

async function start() {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('lang') ?? localStorage.getItem('mu-demo-lang') ?? document.documentElement.lang;
  for (const button of document.querySelectorAll('#lang-switcher button')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  $('#persona-select').addEventListener('change', (event) => choosePersona(event.target.value));
  installBuildings(ui);
  installMeetings(ui);
  installContracts(ui);
  installMail(ui);
  installOpen(ui);
  // Read before the persona choice, which forgets the portal's own ?meeting= and ?contract=.
  state.target = targetOf(params);
  const contract = params.get('contract');
  try {
    state.personas = await request('/dev/personas');
  } catch (error) {
    showError(error);
  }
  setLanguage(wanted in TEXT ? wanted : 'uz');
  await loadMail(ui);
  const persona = params.get('persona');
  if (!persona) return;
  await choosePersona(persona);
  // A remembered contract beside a remembered meeting (the target) opens too.
  if (contract && state.contractId !== contract) ui.selectContract(contract);
}

start();
