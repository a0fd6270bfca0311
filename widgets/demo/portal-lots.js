// The lots panel of the demo portal: the council sees its district's lots and forms new ones from
// the proposal (<mu-lots>), and opens one to work on its programme and approval (<mu-lot>); a
// resident reads the lot of the selected building and its programme (<mu-lot building-id>). Only
// the widgets' public surface: attributes and events; the token comes from configure().

const TEXT = {
  uz: { lots: 'Lotlar va besh yillik dasturlar' },
  ru: { lots: 'Лоты и пятилетние программы' },
  en: { lots: 'Lots and five-year programmes' },
};

/** Called whenever the portal's view changes (persona, building or language). */
export function renderLots(ui) {
  const { state } = ui;
  const panel = document.querySelector('#lots-panel');
  if (!panel) return;
  panel.querySelector('#lots-title').textContent = (TEXT[state.lang] ?? TEXT.uz).lots;
  const me = state.me;
  const council = ui.shows('lots') && me?.districtId;
  const owner = ui.shows('building-lot') && me && state.selected;
  const key = JSON.stringify([
    state.persona?.role ?? null,
    me?.userId ?? null,
    owner ? state.selected : null,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#lots-content');
  content.replaceChildren();
  panel.hidden = !(council || owner);
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
