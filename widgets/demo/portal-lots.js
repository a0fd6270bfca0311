// The lots panel of the demo portal: the council sees its district's lots and forms new ones from
// the proposal (<mu-lots>), and opens one to work on its programme and approval (<mu-lot>); a
// resident reads the lot of the selected building and its programme (<mu-lot building-id>); the
// management company sees its district's lots that take applications or bids now (GET /lots/open)
// and opens one to read its programme and apply or bid (<mu-lot lot-id>). Only the widgets' public
// surface: attributes and events; the token comes from configure().

const TEXT = {
  uz: {
    lots: 'Lotlar va besh yillik dasturlar',
    open: 'Ariza qabul qilinayotgan lotlar',
    none: 'Hozir ariza yoki taklif qabul qilayotgan lot yoʻq.',
    item: '{district}, {n}-lot: {buildings} ta uy, {apartments} ta xonadon',
    applications: 'arizalar {date} gacha',
    competition: 'ochiq tanlov',
    show: '{n}-lotni ochish',
  },
  ru: {
    lots: 'Лоты и пятилетние программы',
    open: 'Лоты, открытые для заявок',
    none: 'Сейчас нет лотов, принимающих заявки или предложения.',
    item: '{district}, лот {n}: домов {buildings}, квартир {apartments}',
    applications: 'заявки до {date}',
    competition: 'открытый конкурс',
    show: 'Открыть лот {n}',
  },
  en: {
    lots: 'Lots and five-year programmes',
    open: 'Lots open to applications',
    none: 'No lot takes applications or bids now.',
    item: '{district}, lot {n}: {buildings} buildings, {apartments} apartments',
    applications: 'applications until {date}',
    competition: 'open competition',
    show: 'Open lot {n}',
  },
};

const say = (lang, key, params = {}) =>
  (TEXT[lang] ?? TEXT.uz)[key].replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));

/** Called whenever the portal's view changes (persona, building or language). */
export function renderLots(ui) {
  const { state } = ui;
  const panel = document.querySelector('#lots-panel');
  if (!panel) return;
  panel.querySelector('#lots-title').textContent = (TEXT[state.lang] ?? TEXT.uz).lots;
  const me = state.me;
  const council = ui.shows('lots') && me?.districtId;
  const company = ui.shows('open-lots') && me?.organizationId;
  const owner = ui.shows('building-lot') && me && state.selected;
  const key = JSON.stringify([
    state.persona?.role ?? null,
    me?.userId ?? null,
    owner ? state.selected : null,
    state.lang,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#lots-content');
  content.replaceChildren();
  panel.hidden = !(council || company || owner);
  if (company) renderOpenLots(ui, content);
  if (council) {
    const lots = document.createElement('mu-lots');
    lots.dataset.testid = 'lots';
    lots.setAttribute('district-id', me.districtId);
    content.append(lots);
    lots.addEventListener('mu-lot-open', (e) => {
      content.querySelector('mu-lot')?.remove();
      const lot = document.createElement('mu-lot');
      lot.dataset.testid = 'lot';
      lot.setAttribute('lot-id', e.detail.lotId);
      content.append(lot);
      lot.scrollIntoView({ block: 'start' });
    });
  }
  if (owner) {
    const lot = document.createElement('mu-lot');
    lot.dataset.testid = 'building-lot';
    lot.setAttribute('building-id', state.selected);
    content.append(lot);
  }
}

/** The company's page: the open lots as a list, one opened below it as <mu-lot lot-id>. */
async function renderOpenLots(ui, content) {
  const lang = ui.state.lang;
  const section = ui.el('section', { 'data-testid': 'open-lots', 'aria-labelledby': 'open-lots-title' });
  const title = ui.el('h3', { id: 'open-lots-title', textContent: say(lang, 'open') });
  const list = ui.el('ul', { className: 'stack' });
  section.append(title, list);
  content.append(section);
  let lots;
  try {
    lots = await ui.request('/api/v1/lots/open');
  } catch (error) {
    list.replaceWith(ui.problemNode(error));
    return;
  }
  if (lots.length === 0) list.replaceWith(ui.el('p', { className: 'muted', textContent: say(lang, 'none') }));
  for (const l of lots) {
    const when =
      l.selection === 'applications'
        ? say(lang, 'applications', {
            date: new Date(l.applicationsCloseAt).toLocaleString(lang, { timeZone: 'Asia/Tashkent' }),
          })
        : say(lang, 'competition');
    const open = ui.el('button', {
      type: 'button',
      className: 'link',
      textContent: say(lang, 'show', { n: l.number }),
      'data-lot': l.id,
    });
    open.addEventListener('click', () => {
      content.querySelector('mu-lot')?.remove();
      const lot = document.createElement('mu-lot');
      lot.dataset.testid = 'open-lot';
      lot.setAttribute('lot-id', l.id);
      content.append(lot);
      lot.scrollIntoView({ block: 'start' });
    });
    const text = say(lang, 'item', {
      district: l.districtName,
      n: l.number,
      buildings: l.buildings,
      apartments: l.apartments,
    });
    list.append(ui.el('li', { 'data-lot': l.id }, `${text}; ${when} `, open));
  }
}
