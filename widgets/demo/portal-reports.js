// The quarterly reports panel of the demo portal: a resident reads the selected building's
// submitted reports (<mu-building-reports>); the management company fills in the selected
// building's report for the current quarter (<mu-report-editor>) above the submitted ones; the
// council and the inspector see their district's board (<mu-reports-board>). Only the widgets'
// public surface: attributes and events; the token comes from configure().

const TEXT = {
  uz: { reports: 'Bajarilgan ishlar haqida hisobotlar' },
  ru: { reports: 'Отчёты о выполненных работах' },
  en: { reports: 'Reports on completed work' },
};

/** The current quarter in Tashkent (UTC+5 all year): 'YYYY-Qn'. */
function currentQuarter() {
  const now = new Date(Date.now() + 5 * 3_600_000);
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

/** Called whenever the portal's view changes (persona, building or language). */
export function renderReports(ui) {
  const { state } = ui;
  const panel = document.querySelector('#reports-panel');
  if (!panel) return;
  panel.querySelector('#reports-title').textContent = (TEXT[state.lang] ?? TEXT.uz).reports;
  const me = state.me;
  const reader = ui.shows('building-reports') && me && state.selected;
  const editor = ui.shows('report-editor') && me && state.selected;
  const board = ui.shows('reports-board') && me?.districtId;
  const key = JSON.stringify([
    state.persona?.role ?? null,
    me?.userId ?? null,
    reader || editor ? state.selected : null,
    state.reportQuarter,
  ]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#reports-content');
  content.replaceChildren();
  panel.hidden = !(reader || editor || board);
  if (editor) {
    const form = document.createElement('mu-report-editor');
    form.dataset.testid = 'report-editor';
    form.setAttribute('building-id', state.selected);
    // A reminder's link names its quarter; otherwise the one running now.
    form.setAttribute('quarter', state.reportQuarter ?? currentQuarter());
    content.append(form);
  }
  if (reader) {
    const reports = document.createElement('mu-building-reports');
    reports.dataset.testid = 'building-reports';
    reports.setAttribute('building-id', state.selected);
    content.append(reports);
    // A submission or correction is what owners read next: show it at once.
    content.querySelector('mu-report-editor')?.addEventListener('mu-report-saved', () => reports.refresh());
  }
  if (board) {
    const b = document.createElement('mu-reports-board');
    b.dataset.testid = 'reports-board';
    b.setAttribute('district-id', me.districtId);
    content.append(b);
  }
}
