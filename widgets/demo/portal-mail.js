// The development mail catcher: what the system sent (notices, reminders), newest first.

export const MAIL_TEXT = {
  uz: { mail: 'Pochta (ishlab chiqish)', refresh: 'Yangilash', noMail: 'Hozircha xatlar yoʻq.', to: 'Kimga' },
  ru: { mail: 'Почта (разработка)', refresh: 'Обновить', noMail: 'Писем пока нет.', to: 'Кому' },
  en: { mail: 'Mail (development)', refresh: 'Refresh', noMail: 'No mail yet.', to: 'To' },
};

let mail = [];

/** Call once: the refresh button, and a look every 15 seconds. */
export function installMail(ui) {
  document.querySelector('#mail-refresh').addEventListener('click', () => loadMail(ui));
  setInterval(() => loadMail(ui), 15_000);
}

export async function loadMail(ui) {
  try {
    mail = await fetch('/dev/mail').then((r) => (r.ok ? r.json() : []));
  } catch {
    mail = [];
  }
  renderMail(ui);
}

export function renderMail({ state, t, el }) {
  const list = document.querySelector('#mail-list');
  if (mail.length === 0) return list.replaceChildren(el('p', { className: 'empty' }, t('noMail')));
  const when = new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Tashkent',
  });
  list.replaceChildren(
    ...mail.map((m) =>
      el(
        'details',
        { 'data-testid': 'mail-item', 'data-mail-id': m.id },
        el(
          'summary',
          {},
          el('span', { className: 'item-title' }, m.subject),
          el('span', { className: 'item-meta' }, `${t('to')}: ${m.to} · ${when.format(new Date(m.date))}`),
        ),
        el('pre', {}, m.text),
      ),
    ),
  );
}
