// The court package for a debt as one PDF, drawn from its data alone (domain/billing/court-package.ts):
// the claim and the debt calculation by period as a table, the general meeting's decision on the
// management method, the management contract's text and signatures, and the proof of delivery.
// The footer names the claim; the date is the claim's, so the same data gives the same bytes.

import {
  type CourtPackage,
  PACKAGE_NOTICE_WORDS,
  PACKAGE_WORDS,
  tashkentStamp as stamp,
} from '../../domain/billing/court-package.ts';
import { dayName, money, periodName } from '../../domain/billing/receipt-document.ts';
import type { Language } from '../../domain/common/language.ts';
import { startPdf } from '../pdf.ts';

export async function renderCourtPackagePdf(p: CourtPackage, lang: Language): Promise<Uint8Array> {
  const w = PACKAGE_WORDS[lang];
  const { doc, finish } = startPdf({
    title: `${w.title} — ${p.claim.number}`,
    subject: `${w.claim} ${p.claim.number}`,
    keywords: `court-claim:${p.claim.id}`,
    lang,
    date: new Date(`${p.calculation.asOf}T00:00:00+05:00`),
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const m = (t: number) => money(lang, t);
  const heading = (text: string) =>
    doc.moveDown(0.8).font('bold').fontSize(11.5).text(text, left).moveDown(0.3);
  const fact = (label: string, value: string) =>
    doc
      .font('bold')
      .fontSize(9.5)
      .text(`${label}: `, left, doc.y, { continued: true, width })
      .font('regular')
      .text(value, { width });

  doc.font('bold').fontSize(14).text(w.title, { align: 'center' });
  doc.font('regular').fontSize(10).text(`${w.claim} № ${p.claim.number}`, { align: 'center' }).moveDown();
  const c = p.claim;
  fact(w.organization, `${c.organizationName} (${w.tin} ${c.organizationTin})`);
  fact(w.owner, c.ownerName);
  fact(w.address, `${c.address}, ${c.apartmentNumber}`);
  fact(w.account, c.personalAccount);
  fact(w.madeAt, dayName(c.madeAt));
  fact(w.answerBy, dayName(c.answerBy));

  heading(w.calculation(dayName(p.calculation.asOf)));
  // Period, due, accrued, paid, contribution owed, penalty owed, owed, qualifies.
  const widths = [0.15, 0.12, 0.14, 0.14, 0.14, 0.11, 0.14, 0.06].map((f) => f * width);
  const row = (cells: string[], bold = false) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = left;
    let bottom = y;
    doc.font(bold ? 'bold' : 'regular').fontSize(8);
    cells.forEach((text, i) => {
      doc.text(text, x, y, { width: widths[i]! - 4, align: i >= 2 && i <= 6 ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y);
      x += widths[i]!;
    });
    doc.y = bottom + 3;
  };
  row(w.columns, true);
  for (const r of p.calculation.rows)
    row([
      periodName(lang, r.period),
      dayName(r.dueDate),
      m(r.accrued),
      m(r.paid),
      m(r.contributionOwed),
      m(r.penaltyOwed),
      m(r.owed),
      r.qualifies ? w.qualifies : '',
    ]);
  const t = p.calculation.totals;
  row(
    [
      w.total,
      '',
      m(t.accrued),
      m(t.paid),
      m(t.accrued - t.paid),
      m(t.penalty - t.penaltyPaid),
      m(t.owed),
      '',
    ],
    true,
  );
  doc
    .moveDown(0.3)
    .font('regular')
    .fontSize(9)
    .text(w.claimed(dayName(c.madeAt), m(p.claimedOwed)), left);

  heading(w.decision);
  const d = p.decision;
  fact(w.meeting, d.meetingTitle);
  fact(w.decidedAt, stamp(d.decidedAt));
  fact(w.item, `${d.itemTitle}. ${d.itemDescription}`);
  doc
    .font('regular')
    .fontSize(9.5)
    .text(
      w.votes(
        String(d.votes.for),
        String(d.votes.against),
        String(d.votes.abstain),
        String(d.participatingWeight),
        String(d.totalWeight),
      ),
      left,
    );
  if (d.protocolSha256) fact(w.protocol, d.protocolSha256);

  heading(w.contract);
  const k = p.contract;
  doc.font('bold').fontSize(10).text(k.title, left);
  doc.font('regular').fontSize(9).text(k.subtitle, left);
  for (const s of k.sections) {
    doc.moveDown(0.3).font('bold').fontSize(9.5).text(s.heading, left);
    for (const r of s.rows) {
      if (r.label) doc.font('bold').fontSize(9).text(`${r.label}: `, left, doc.y, { continued: true });
      doc
        .font('regular')
        .fontSize(9)
        .text(r.text, r.label ? undefined : left);
    }
  }
  if (k.documentSha256) doc.moveDown(0.3).fontSize(8).text(`SHA-256 ${k.documentSha256}`, left);
  doc.moveDown(0.3).font('bold').fontSize(9.5).text(w.signatures, left);
  for (const s of k.signatures)
    doc
      .font('regular')
      .fontSize(9)
      .text(`${s.party}: ${s.signerName}, ${stamp(s.signedAt)} (${s.status})`, left);

  heading(w.delivery);
  const v = p.delivery;
  doc.font('regular').fontSize(9.5);
  if (v.mail) {
    doc.text(w.mailAccepted, left);
    // One value a line: an address or a Message-ID broken across lines could not be searched for.
    fact(w.recipient, v.mail.to);
    fact(w.time, stamp(v.mail.acceptedAt));
    fact('Message-ID', v.mail.messageId);
    doc.font('regular').fontSize(9.5);
  }
  if (v.notice) {
    // Notifications' tracking: which channel proved delivery and when, every attempt beside it,
    // and, when none got through, the day the owner went on the building's notice board list.
    const n = PACKAGE_NOTICE_WORDS[lang];
    const channel = (c: string) => n.channels[c] ?? c;
    const d = v.notice.delivered;
    if (d) {
      doc.text(n.delivered(channel(d.channel), stamp(d.at)), left);
      fact(w.recipient, d.address);
      doc.font('regular').fontSize(9.5);
    } else if (v.notice.printedAt) doc.text(n.undelivered(stamp(v.notice.printedAt)), left);
    else doc.text(n.pending, left);
    if (v.notice.attempts.length) {
      doc.moveDown(0.2).font('bold').text(n.attempts, left).font('regular');
      for (const a of v.notice.attempts)
        doc.text(
          `- ${n.attempt(channel(a.channel), a.address, n.states[a.state] ?? a.state, stamp(a.deliveredAt ?? a.sentAt ?? a.queuedAt))}${a.error ? ` — ${a.error}` : ''}`,
          left,
        );
    }
  }
  if (v.acknowledged) doc.text(w.acknowledged(stamp(v.acknowledged.at)), left);
  if (v.paper)
    doc.text(w.paper(dayName(v.paper.deliveredOn), v.paper.scanReference, stamp(v.paper.recordedAt)), left);

  return finish((page, pages) => `${w.claim} ${p.claim.number} · ${page}/${pages}`, 7);
}
