// The 24-hour dispatch panel of the demo portal: a resident reports a problem in the selected
// building and follows their requests; the technician on call works their jobs. Only the widgets'
// public surface: attributes and events; the token comes from configure(), which the portal calls.

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
  const key = JSON.stringify([
    state.persona?.key ?? null,
    me?.userId ?? null,
    resident ? state.selected : null,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#dispatch-content');
  content.replaceChildren();
  panel.hidden = !(resident || technician);
  if (resident) {
    const form = document.createElement('mu-dispatch-request');
    form.setAttribute('building-id', state.selected);
    form.dataset.testid = 'dispatch-request';
    // <mu-dispatch-requests> hears a new request itself and loads again.
    const mine = document.createElement('mu-dispatch-requests');
    mine.dataset.testid = 'dispatch-requests';
    content.append(form, mine);
  } else if (technician) {
    const jobs = document.createElement('mu-my-jobs');
    jobs.dataset.testid = 'my-jobs';
    content.append(jobs);
  }
}
