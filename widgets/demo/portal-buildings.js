// The persona's own list next to <mu-building-card>: a resident's apartments, or a page of the
// buildings in a staff member's scope. Choosing one shows its card, and the district's counts by
// condition class (<mu-district-summary>) follow whichever building the card loads.
import { renderAssessment } from './portal-assessment.js';

export const BUILDINGS_TEXT = {
  uz: {
    myApartments: 'Mening xonadonlarim',
    buildings: 'Uylar',
    noApartments: 'Xonadonlar topilmadi.',
    noBuildings: 'Uylar topilmadi.',
    apartment: '{number}-xonadon',
    apartmentMeta: '{entrance}-podyezd · {floor}-qavat · {area} m² · ulush {share}',
    range: '{from}–{to} / {total}',
    prev: '‹ Oldingi',
    next: 'Keyingi ›',
    green: 'yashil',
    yellow: 'sariq',
    red: 'qizil',
    none: 'baholanmagan',
    yourPanels: 'Sizning boʻlimlaringiz quyida va oʻngda.',
  },
  ru: {
    myApartments: 'Мои квартиры',
    buildings: 'Дома',
    noApartments: 'Квартиры не найдены.',
    noBuildings: 'Дома не найдены.',
    apartment: 'Квартира {number}',
    apartmentMeta: 'подъезд {entrance} · этаж {floor} · {area} м² · доля {share}',
    range: '{from}–{to} из {total}',
    prev: '‹ Назад',
    next: 'Далее ›',
    green: 'зелёный',
    yellow: 'жёлтый',
    red: 'красный',
    none: 'не оценён',
    yourPanels: 'Ваши разделы — ниже и справа.',
  },
  en: {
    myApartments: 'My apartments',
    buildings: 'Buildings',
    noApartments: 'No apartments found.',
    noBuildings: 'No buildings found.',
    apartment: 'Apartment {number}',
    apartmentMeta: 'entrance {entrance} · floor {floor} · {area} m² · share {share}',
    range: '{from}–{to} of {total}',
    prev: '‹ Previous',
    next: 'Next ›',
    green: 'green',
    yellow: 'yellow',
    red: 'red',
    none: 'not assessed',
    yourPanels: 'Your sections are below and to the right.',
  },
};

const PAGE_SIZE = 10;
const DOT = { green: '#1a7f37', yellow: '#e0b000', red: '#c4261d', none: '#9aa5b1' };
const $ = (selector) => document.querySelector(selector);

/** Call once; places the district summary right after the card and follows the card from then on. */
export function installBuildings(ui) {
  const card = $('#building-card');
  if (!card) return;
  // The list's coloured dot follows a class an inspector just changed under the card.
  $('#building-detail').addEventListener('mu-assessment-recorded', async () => {
    if (!ui.state.buildings) return;
    try {
      await loadBuildings(ui, ui.state.page);
    } catch (error) {
      ui.showError(error);
    }
    renderBuildings(ui);
  });
  const summary = document.createElement('mu-district-summary');
  summary.id = 'district-summary';
  summary.dataset.testid = 'district-summary';
  summary.setAttribute('heading-level', '3');
  summary.hidden = true;
  card.after(summary);
  card.addEventListener('mu-building-loaded', (event) => {
    const districtId = event.detail.building.district?.id;
    summary.hidden = !districtId;
    if (districtId) summary.setAttribute('district-id', districtId);
  });
  // Another persona or no selection: the card is emptied, so is the summary.
  new MutationObserver(() => {
    if (!card.hasAttribute('building-id')) {
      summary.hidden = true;
      summary.removeAttribute('district-id');
    }
  }).observe(card, { attributes: true, attributeFilter: ['building-id'] });
}

/** After sign-in: a resident's apartments, or the first page of the buildings in scope. */
export async function loadBuildings(ui, page = 1) {
  const { state } = ui;
  if (ui.shows('apartments')) {
    state.apartments = await ui.request('/api/v1/me/apartments');
    state.selected = state.persona.buildingId ?? state.apartments[0]?.buildingId ?? null;
  } else if (ui.shows('buildings')) {
    const result = await ui.request(`/api/v1/buildings?page=${page}&pageSize=${PAGE_SIZE}`);
    state.buildings = result;
    state.page = result.page;
    if (!result.items.some((b) => b.id === state.selected)) state.selected = result.items[0]?.id ?? null;
  }
}

export function renderBuildings(ui) {
  const { state, t, el } = ui;
  const title = $('#persona-view-title');
  const content = $('#persona-content');
  if (state.apartments) {
    title.textContent = t('myApartments');
    content.replaceChildren(apartmentList(ui));
  } else if (state.buildings) {
    title.textContent = t('buildings');
    content.replaceChildren(buildingList(ui), pager(ui));
  } else {
    title.textContent = t('start');
    // Signed in without apartments or buildings (a developer, an applicant): their panels follow.
    content.replaceChildren(el('p', { className: 'empty' }, t(state.me ? 'yourPanels' : 'pick')));
  }
  showCard(ui);
}

function showCard(ui) {
  const { state } = ui;
  const card = $('#building-card');
  $('#building-detail').hidden = !state.selected;
  if (state.selected) card.setAttribute('building-id', state.selected);
  else card.removeAttribute('building-id');
  renderAssessment(ui);
}

// Uzbek decimal comma even where the browser's ICU data lacks Uzbek (the widget does the same).
function num(ui, value) {
  const locale = { uz: 'ru-RU', ru: 'ru-RU', en: 'en-GB' }[ui.state.lang];
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

function apartmentList(ui) {
  const { state, t, el } = ui;
  if (state.apartments.length === 0) return el('p', { className: 'empty' }, t('noApartments'));
  return el(
    'ul',
    { className: 'list', id: 'apartments-list', 'data-testid': 'apartments-list' },
    ...state.apartments.map((a) =>
      el(
        'li',
        {},
        itemButton(ui, a.buildingId, 'apartment-item', [
          el('span', { className: 'item-title' }, `${t('apartment', { number: a.number })} — ${a.address}`),
          el(
            'span',
            { className: 'item-meta' },
            t('apartmentMeta', {
              entrance: a.entrance,
              floor: a.floor,
              area: num(ui, a.area),
              share: `${a.share.numerator}/${a.share.denominator}`,
            }),
          ),
        ]),
      ),
    ),
  );
}

function buildingList(ui) {
  const { state, t, el } = ui;
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
        itemButton(ui, b.id, 'building-item', [
          el('span', { className: 'item-title' }, b.address),
          el('span', { className: 'item-meta' }, dot, `${b.district.name} · ${t(condition)}`),
        ]),
      );
    }),
  );
}

function itemButton(ui, buildingId, testId, children) {
  const { state, el } = ui;
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
    showCard(ui);
    ui.buildingChosen();
    $('#building-card').scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
  return button;
}

function pager(ui) {
  const { state, t, el } = ui;
  const { page, pageSize, total, items } = state.buildings;
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const go = (target) => async () => {
    try {
      await loadBuildings(ui, target);
    } catch (error) {
      ui.showError(error);
    }
    renderBuildings(ui);
    ui.buildingChosen();
  };
  const prev = el('button', { type: 'button', id: 'buildings-prev', disabled: page <= 1 }, t('prev'));
  const next = el(
    'button',
    { type: 'button', id: 'buildings-next', disabled: page * pageSize >= total },
    t('next'),
  );
  prev.addEventListener('click', go(page - 1));
  next.addEventListener('click', go(page + 1));
  // An empty page has no range to show ("0–-1 / 0" said nothing true).
  const range = items.length ? t('range', { from, to: from + items.length - 1, total }) : '';
  return el('div', { className: 'pager' }, prev, el('span', { id: 'buildings-range' }, range), next);
}
