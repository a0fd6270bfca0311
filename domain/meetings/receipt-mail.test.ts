import { describe, expect, it } from 'vitest';
import { renderBallotReceipt } from './receipt-mail.ts';

const DATA = {
  ownerName: 'Dilnoza <Karimova>',
  meetingTitle: 'Annual meeting 2026',
  address: 'Toshkent, Amir Temur 1',
  apartmentNumber: '12',
  tracker: 'ab'.repeat(32),
  proxyName: 'Akmal Aliyev',
};

describe('the ballot receipt mail', () => {
  it('says who voted, for which flat, under which tracker, in the owner’s language', () => {
    const mail = renderBallotReceipt('en', DATA);
    expect(mail.subject).toBe('Your vote was recorded: Annual meeting 2026');
    expect(mail.text).toBe(
      [
        'Dear Dilnoza <Karimova>,',
        'Your ballot in the general meeting "Annual meeting 2026" for apartment 12, Toshkent, Amir Temur 1, was recorded.',
        'The ballot was cast under a power of attorney by Akmal Aliyev.',
        `Ballot tracker: ${DATA.tracker}`,
        'When voting closes, the trackers of all counted ballots are published: with the secret key kept by the widget you can check that your ballot was counted as cast.',
        'You may change your vote until voting closes; the last ballot counts.',
      ].join('\n\n'),
    );
    expect(mail.html.split('\n')).toEqual([
      '<p>Dear Dilnoza &#60;Karimova&#62;,</p>',
      '<p>Your ballot in the general meeting &#34;Annual meeting 2026&#34; for apartment 12, Toshkent, Amir Temur 1, was recorded.</p>',
      '<p>The ballot was cast under a power of attorney by Akmal Aliyev.</p>',
      `<p>Ballot tracker: <code>${DATA.tracker}</code></p>`,
      '<p>When voting closes, the trackers of all counted ballots are published: with the secret key kept by the widget you can check that your ballot was counted as cast.</p>',
      '<p>You may change your vote until voting closes; the last ballot counts.</p>',
    ]);
  });

  it('mentions no proxy when the owner voted, and falls back to Uzbek', () => {
    const own = renderBallotReceipt('uz', { ...DATA, proxyName: null });
    expect(own.subject).toBe('Ovozingiz qabul qilindi: Annual meeting 2026');
    expect(own.text.split('\n\n')).toHaveLength(5);
    expect(renderBallotReceipt('xx' as 'uz', DATA)).toEqual(renderBallotReceipt('uz', DATA));
  });
});
