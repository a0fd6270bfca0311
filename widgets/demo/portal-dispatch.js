// The emergency dispatch panel of the demo portal: a management company's dispatcher works the live
// board of its open requests (<mu-dispatch-board>); the district's council and inspectors read the
// response-time figures (<mu-dispatch-figures>). Only the widgets' public surface: attributes; the
// token comes from configure(), which the portal already calls.

const TEXT = {
  uz: { dispatch: 'Avariya-dispetcherlik xizmati' },
  ru: { dispatch: 'Аварийно-диспетчерская служба' },
  en: { dispatch: 'Emergency dispatch' },
};

/** Called whenever the portal's view changes (persona, building or language). */
export function renderDispatch(ui) {
  const { state } = ui;
  const panel = document.querySelector('#dispatch-panel');
  if (!panel) return;
  panel.querySelector('#dispatch-title').textContent = (TEXT[state.lang] ?? TEXT.uz).dispatch;
  const me = state.me;
  const board = ui.shows('dispatch-board') && me?.organizationId;
  const figures = ui.shows('dispatch-figures') && me?.districtId;
  const key = JSON.stringify([state.persona?.role ?? null, me?.userId ?? null]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#dispatch-content');
  content.replaceChildren();
  panel.hidden = !(board || figures);
  if (board) {
    const element = document.createElement('mu-dispatch-board');
    element.dataset.testid = 'dispatch-board';
    element.setAttribute('org-id', me.organizationId);
    content.append(element);
  } else if (figures) {
    const element = document.createElement('mu-dispatch-figures');
    element.dataset.testid = 'dispatch-figures';
    element.setAttribute('district-id', me.districtId);
    content.append(element);
  }
}
