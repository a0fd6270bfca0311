// The appeals panel of the demo portal: a resident writes an appeal about the selected building and
// follows their own; the district's council or inspectors (and a management company, for what is
// addressed to it) see the board. Only the widgets' public surface: attributes and events; the
// token comes from configure(), which the portal already calls.

const TEXT = {
  uz: { appeals: 'Murojaatlar' },
  ru: { appeals: 'Обращения' },
  en: { appeals: 'Appeals' },
};

/**
 * Called by the portal whenever its view re-renders (persona, building or language changed). The
 * widgets are rebuilt only when what they show changes; a language switch reaches them through
 * <html lang> by itself.
 */
export function renderAppeals(ui) {
  const { state } = ui;
  const panel = document.querySelector('#appeals-panel');
  if (!panel) return;
  panel.querySelector('#appeals-title').textContent = (TEXT[state.lang] ?? TEXT.uz).appeals;
  const role = state.persona?.role;
  const me = state.me;
  const resident = ui.shows('appeal-form') && me && state.selected;
  const staff = ui.shows('appeals-board') && me;
  const key = JSON.stringify([role ?? null, me?.userId ?? null, resident ? state.selected : null]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#appeals-content');
  content.replaceChildren();
  panel.hidden = !(resident || staff);
  if (resident) {
    const form = document.createElement('mu-appeal-form');
    form.setAttribute('building-id', state.selected);
    form.dataset.testid = 'appeal-form';
    const mine = document.createElement('mu-my-appeals');
    mine.dataset.testid = 'my-appeals';
    mine.setAttribute('page-size', '10');
    form.addEventListener('mu-appeal-submitted', () => mine.refresh());
    content.append(form, mine);
  } else if (staff) {
    const board = document.createElement('mu-appeals-board');
    board.dataset.testid = 'appeals-board';
    // Council and inspectors see their district; a management company what is addressed to it.
    if (me.districtId) board.setAttribute('district-id', me.districtId);
    board.setAttribute('page-size', '10');
    content.append(board);
  }
}
