// The 24-hour dispatch panel of the demo portal: a resident reports a problem in the selected
// building and follows their requests; the technician on call works their jobs; a management
// company's dispatcher works the live board of its open requests and edits the on-call roster; the district's council and
// inspectors read the response-time figures. Only the widgets' public surface: attributes and
// events; the token comes from configure(), which the portal calls.

const TEXT = {
  uz: { dispatch: 'Avariya-dispetcherlik xizmati' },
  ru: { dispatch: 'Аварийно-диспетчерская служба' },
  en: { dispatch: '24-hour dispatch service' },
};

/** Called whenever the portal's view re-renders; widgets are rebuilt only when what they show changes. */
export function renderDispatch(ui) {
  const { state } = ui;
  const panel = document.querySelector('#dispatch-panel');
  if (!panel) return;
  panel.querySelector('#dispatch-title').textContent = (TEXT[state.lang] ?? TEXT.uz).dispatch;
  const me = state.me;
  const resident = ui.shows('dispatch-request') && me && state.selected;
  const technician = ui.shows('my-jobs') && me;
  const board = ui.shows('dispatch-board') && me?.organizationId;
  const figures = ui.shows('dispatch-figures') && me?.districtId;
  const key = JSON.stringify([
    state.persona?.key ?? null,
    me?.userId ?? null,
    resident ? state.selected : null,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#dispatch-content');
  content.replaceChildren();
  panel.hidden = !(resident || technician || board || figures);
  const add = (tag, testid, attributes = {}) => {
    const element = document.createElement(tag);
    element.dataset.testid = testid;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    content.append(element);
  };
  if (resident) {
    add('mu-dispatch-request', 'dispatch-request', { 'building-id': state.selected });
    // <mu-dispatch-requests> hears a new request itself and loads again.
    add('mu-dispatch-requests', 'dispatch-requests');
  } else if (technician) add('mu-my-jobs', 'my-jobs');
  else if (board) {
    add('mu-dispatch-board', 'dispatch-board', { 'org-id': me.organizationId });
    // Next to the board, where its gaps show: the roster that closes them.
    if (ui.shows('dispatch-roster'))
      add('mu-dispatch-roster', 'dispatch-roster', { 'org-id': me.organizationId });
  } else if (figures) add('mu-dispatch-figures', 'dispatch-figures', { 'district-id': me.districtId });
}
