// The development mail catcher: what the system sent (notices, reminders), newest first. Signed
// in, the panel shows by default only the mail the persona reads (their own address, their
// organization's, their council's), a page at a time; a box shows everyone's.

import { openTarget, targetOf } from './portal-open.js';

export const MAIL_TEXT = {
  uz: {
    mail: 'Pochta (ishlab chiqish)',
    refresh: 'Yangilash',
    noMail: 'Hozircha xatlar yoʻq.',
    to: 'Kimga',
    onlyMine: 'Faqat mening xatlarim',
    mailRange: '{from}–{to} / {total}',
  },
  ru: {
    mail: 'Почта (разработка)',
    refresh: 'Обновить',
    noMail: 'Писем пока нет.',
    to: 'Кому',
    onlyMine: 'Только мои письма',
    mailRange: '{from}–{to} из {total}',
  },
  en: {
    mail: 'Mail (development)',
    refresh: 'Refresh',
    noMail: 'No mail yet.',
    to: 'To',
    onlyMine: 'Only my mail',
    mailRange: '{from}–{to} of {total}',
  },
};

const PAGE_SIZE = 10;

let mail = [];
/** The signed-in persona's addresses, and for which persona they were read. */
let mailboxes = { persona: null, addresses: [] };
const view = { onlyMine: true, page: 1 };

/** Call once: the refresh button, and a look every 15 seconds. */
export function installMail(ui) {
  document.querySelector('#mail-refresh').addEventListener('click', () => loadMail(ui));
  // A link into this portal opens in place, for the persona signed in, as a host portal would.
  document.querySelector('#mail-list').addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-testid="mail-link"]');
    if (!link) return;
    const url = new URL(link.href);
    const target = url.origin === location.origin ? targetOf(url.searchParams) : null;
    if (!target) return;
    event.preventDefault();
    openTarget(ui, target);
  });
  setInterval(() => loadMail(ui), 15_000);
}

async function loadMailboxes(persona) {
  if (!persona) return { persona: null, addresses: [] };
  if (mailboxes.persona === persona) return mailboxes;
  const response = await fetch(`/dev/personas/${encodeURIComponent(persona)}/mailboxes`);
  return { persona, addresses: response.ok ? await response.json() : [] };
}

export async function loadMail(ui) {
  const persona = ui.state.me ? (ui.state.persona?.key ?? null) : null;
  if (persona !== mailboxes.persona) view.page = 1;
  try {
    [mail, mailboxes] = await Promise.all([
      fetch('/dev/mail').then((r) => (r.ok ? r.json() : [])),
      loadMailboxes(persona),
    ]);
  } catch {
    mail = [];
  }
  renderMail(ui);
}

/** The mail shown: the persona's own while "only mine" is on and someone is signed in. */
function shown(state) {
  if (!state.me || !view.onlyMine || !mailboxes.persona) return mail;
  const mine = new Set(mailboxes.addresses.map((a) => a.toLowerCase()));
  return mail.filter((m) => m.to.split(/,\s*/).some((to) => mine.has(to.toLowerCase())));
}

/** The text with its links clickable, so the demo walks from a mail to what it names. */
function linked(el, text) {
  return text
    .split(/(https?:\/\/[^\s)]+)/)
    .map((part, i) => (i % 2 ? el('a', { href: part, 'data-testid': 'mail-link' }, part) : part));
}

/** What the list last drew, so a look that finds nothing new leaves the page as the person left it. */
let drawn = '';

export function renderMail(ui) {
  const { state, t, el } = ui;
  const list = document.querySelector('#mail-list');
  const seen = JSON.stringify([state.lang, !!state.me, view, mailboxes.persona, mail.map((m) => m.id)]);
  if (seen === drawn && list.childElementCount > 0) return;
  drawn = seen;
  // A mail the person opened stays open when the list is drawn again with new mail.
  const opened = new Set([...list.querySelectorAll('details[open]')].map((d) => d.dataset.mailId));
  const filter = el('input', { type: 'checkbox', checked: view.onlyMine, 'data-testid': 'mail-only-mine' });
  filter.addEventListener('change', () => {
    view.onlyMine = filter.checked;
    view.page = 1;
    renderMail(ui);
  });
  const toolbar = state.me ? el('label', { className: 'mail-filter' }, filter, t('onlyMine')) : null;
  const items = shown(state);
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  view.page = Math.min(view.page, pages);
  if (items.length === 0)
    return list.replaceChildren(...[toolbar, el('p', { className: 'empty' }, t('noMail'))].filter(Boolean));
  const when = new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Tashkent',
  });
  const from = (view.page - 1) * PAGE_SIZE;
  const page = items.slice(from, from + PAGE_SIZE);
  const go = (delta) => () => {
    view.page += delta;
    renderMail(ui);
  };
  const prev = el(
    'button',
    { type: 'button', disabled: view.page <= 1, 'data-testid': 'mail-prev' },
    t('prev'),
  );
  const next = el(
    'button',
    { type: 'button', disabled: view.page >= pages, 'data-testid': 'mail-next' },
    t('next'),
  );
  prev.addEventListener('click', go(-1));
  next.addEventListener('click', go(1));
  list.replaceChildren(
    ...[toolbar].filter(Boolean),
    ...page.map((m) =>
      el(
        'details',
        { 'data-testid': 'mail-item', 'data-mail-id': m.id, open: opened.has(m.id) },
        el(
          'summary',
          {},
          el('span', { className: 'item-title' }, m.subject),
          el('span', { className: 'item-meta' }, `${t('to')}: ${m.to} · ${when.format(new Date(m.date))}`),
        ),
        el('pre', {}, ...linked(el, m.text)),
      ),
    ),
    pages > 1
      ? el(
          'div',
          { className: 'pager' },
          prev,
          el(
            'span',
            { 'data-testid': 'mail-range' },
            t('mailRange', { from: from + 1, to: from + page.length, total: items.length }),
          ),
          next,
        )
      : el('span'),
  );
}
