// The SMTP transport against the embedded catcher: what is sent is what the demo page will list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, startMailCatcher } from '../../platform/mail.ts';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ port: 0, limit: 3 });
});
afterAll(() => catcher?.stop());

describe('mail catcher and transport', () => {
  it('delivers a message with html, attachment and bcc, parsed', async () => {
    catcher.clear();
    const mailer = createMailer(loadConfig({}), catcher.url);
    const info = await mailer.sendMail({
      from: 'Mening Uyim <no-reply@meninguyim.uz>',
      to: 'Obod Uy <dispatch@example.uz>',
      bcc: 'audit@example.uz',
      subject: 'Reyestr tekshiruvi: Amir Temur koʻchasi, 1-uy',
      text: 'Hurmatli hamkasblar!',
      html: '<p>Hurmatli hamkasblar!</p>',
      attachments: [{ filename: 'findings.csv', content: 'kind\nno_owner\n', contentType: 'text/csv' }],
      messageId: '<registry-sync=3Ab1@meninguyim.uz>',
    });
    mailer.close();

    expect(info.accepted).toEqual(['dispatch@example.uz', 'audit@example.uz']);
    const [mail, ...rest] = catcher.messages();
    expect(rest).toHaveLength(0);
    expect(mail).toMatchObject({
      messageId: '<registry-sync=3Ab1@meninguyim.uz>',
      from: 'no-reply@meninguyim.uz',
      to: ['dispatch@example.uz'],
      envelope: { from: 'no-reply@meninguyim.uz', to: ['dispatch@example.uz', 'audit@example.uz'] },
      subject: 'Reyestr tekshiruvi: Amir Temur koʻchasi, 1-uy',
      html: '<p>Hurmatli hamkasblar!</p>',
      attachments: [{ filename: 'findings.csv', contentType: 'text/csv', size: 14 }],
    });
    expect(mail!.text.trim()).toBe('Hurmatli hamkasblar!');
    expect(Date.parse(mail!.receivedAt)).not.toBeNaN();
  });

  it('keeps only the newest messages up to its limit', async () => {
    catcher.clear();
    const mailer = createMailer(loadConfig({}), catcher.url);
    for (let i = 1; i <= 5; i++) {
      await mailer.sendMail({ from: 'a@example.uz', to: 'b@example.uz', subject: `n${i}`, text: 'x' });
    }
    mailer.close();
    expect(catcher.messages().map((m) => m.subject)).toEqual(['n3', 'n4', 'n5']);
  });

  it('prefers the configured SMTP_URL and refuses to guess when there is none', async () => {
    const configured = createMailer(loadConfig({ SMTP_URL: 'smtp://mail.example.uz:2525' }), catcher.url);
    expect(configured.transporter).toMatchObject({ options: { host: 'mail.example.uz', port: 2525 } });
    configured.close();
    expect(() => createMailer(loadConfig({}))).toThrow(/SMTP_URL/);
  });

  it('fails a send to a server that is gone, within the connection timeout', async () => {
    const gone = await startMailCatcher({ port: 0 });
    await gone.stop();
    const mailer = createMailer(loadConfig({}), gone.url);
    await expect(mailer.sendMail({ from: 'a@example.uz', to: 'b@example.uz', text: 'x' })).rejects.toThrow();
    mailer.close();
  });
});
