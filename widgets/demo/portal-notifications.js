// The notifications panel of the demo portal: a resident reads their notices (<mu-inbox>) and
// sets how they are reached (<mu-notification-settings>); the management company reads its
// mailings' delivery reports (<mu-mailing-report org-id>). Only the widgets' public surface:
// attributes and events; the token comes from configure().

const TEXT = {
  uz: { notifications: 'Xabarnomalar' },
  ru: { notifications: 'Уведомления' },
  en: { notifications: 'Notifications' },
};

/** Called whenever the portal's view changes (persona or language). */
export function renderNotifications(ui) {
  const { state } = ui;
  const panel = document.querySelector('#notifications-panel');
  if (!panel) return;
  panel.querySelector('#notifications-title').textContent = (TEXT[state.lang] ?? TEXT.uz).notifications;
  const me = state.me;
  const resident = ui.shows('notifications') && me?.personId;
  const report = ui.shows('mailing-report') && me?.organizationId;
  const key = JSON.stringify([state.persona?.role ?? null, me?.userId ?? null]);
  if (panel.dataset.key === key) return;
  panel.dataset.key = key;
  const content = panel.querySelector('#notifications-content');
  content.replaceChildren();
  panel.hidden = !(resident || report);
  if (resident) {
    const inbox = document.createElement('mu-inbox');
    inbox.dataset.testid = 'inbox';
    const settings = document.createElement('mu-notification-settings');
    settings.dataset.testid = 'notification-settings';
    // A test message is a notice too: the inbox shows it once it is recorded.
    settings.addEventListener('mu-notifications-changed', () => inbox.refresh());
    content.append(inbox, settings);
  }
  if (report) {
    const r = document.createElement('mu-mailing-report');
    r.dataset.testid = 'mailing-report';
    r.setAttribute('org-id', me.organizationId);
    content.append(r);
  }
}
