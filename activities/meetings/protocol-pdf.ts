// The protocol (minutes) as a PDF. The same data gives the same bytes (fixed creation date, no
// random ids), so the SHA-256 recorded for it names the document, and a regenerated copy matches.

import type { ProtocolData } from '../../db/meetings/repository.ts';
import type { Language } from '../../domain/common/language.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { startPdf } from '../../platform/pdf.ts';
import { PROTOCOL_STRINGS } from './protocol-strings.ts';
import { formatInstant } from './templates.ts';

export type { ProtocolData };

const LOCALES: Record<Language, string> = { uz: 'uz-Latn-UZ', ru: 'ru-RU', en: 'en-GB' };

export async function renderProtocolPdf(data: ProtocolData, language: Language = 'uz'): Promise<Uint8Array> {
  const s = PROTOCOL_STRINGS[language];
  const l = s.labels;
  const number = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 });
  const per = data.weighting === 'area' ? 100 * data.weightScale : data.weightScale;
  const votes = (units: number) => `${number.format(units / per)} ${s.unit(data.weighting)}`;
  const pct = (part: number, whole: number) => `${number.format(percentOf(part, whole))} %`;
  const when = (d: Date) => formatInstant(language, d);
  const d = data.decision;

  const { doc, finish } = startPdf({
    title: `${s.heading}: ${data.title}`,
    subject: data.meetingId,
    date: data.decidedAt,
  });

  const heading = (text: string) => doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.3);
  const fact = (label: string, value: string) =>
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('regular').text(value);

  doc.font('bold').fontSize(13).text(s.heading, { align: 'center' });
  doc.moveDown(0.5).fontSize(12).text(data.title, { align: 'center' });
  const attempt = s.attempt(data.attempt);
  if (attempt) doc.font('regular').fontSize(10).text(attempt, { align: 'center' });
  doc.moveDown();

  fact(l.meetingId, data.meetingId);
  fact(l.buildings, data.addresses.join('; '));
  fact(l.initiator, data.initiatorName);
  fact(l.form, `${s.forms[data.form]}, ${s.kinds[data.kind]}`);
  fact(l.notice, when(data.noticeAt));
  fact(l.voting, `${when(data.votingOpensAt)} — ${when(data.votingClosesAt)}`);
  fact(l.decidedAt, when(data.decidedAt));
  fact(l.chair, data.chairName);
  fact(l.secretary, data.secretaryName);

  heading(l.agenda);
  const agenda = [...data.agenda].sort((a, b) => a.position - b.position);
  for (const item of agenda) {
    doc.font('regular').fontSize(10).text(`${item.position}. ${item.title} (${s.itemKinds[item.kind]})`);
    if (item.description)
      doc.fontSize(9).fillColor('#444').text(item.description, { indent: 14 }).fillColor('black');
  }

  heading(l.participation);
  fact(l.eligible, number.format(data.eligibleOwners));
  fact(l.voted, number.format(data.votedOwners));
  fact(l.totalWeight, votes(d.totalWeight));
  fact(
    l.participatingWeight,
    `${votes(d.participatingWeight)} (${pct(d.participatingWeight, d.totalWeight)})`,
  );
  const share = `${data.quorumShare.numerator}/${data.quorumShare.denominator}`;
  doc.font('bold').fontSize(10).text(l.quorum(share, d.quorumReached));

  heading(l.results);
  const byId = new Map(d.items.map((i) => [i.itemId, i]));
  for (const item of agenda) {
    const r = byId.get(item.id);
    if (!r) continue;
    const cast = r.for + r.against + r.abstain;
    doc.font('bold').fontSize(10).text(`${item.position}. ${item.title}`);
    doc.font('regular').fontSize(9);
    doc.text(`${l.rule}: ${s.rules[r.rule]}`, { indent: 14 });
    for (const [label, w] of [
      [l.for, r.for],
      [l.against, r.against],
      [l.abstain, r.abstain],
    ] as const) {
      doc.text(`${label}: ${votes(w)} — ${pct(w, cast)} ${l.ofCast}, ${pct(w, d.totalWeight)} ${l.ofAll}`, {
        indent: 14,
      });
    }
    doc
      .font('bold')
      .text(d.quorumReached ? l.decision(r.accepted) : l.noQuorumDecision, { indent: 14 })
      .moveDown(0.4);
  }

  heading(l.ballotSet);
  doc.font('regular').fontSize(9).text(data.ballotSetSha256);
  doc.moveDown(0.3).text(l.verify).text(data.verifyUrl);

  heading(l.signatures);
  for (const [role, name] of [
    [l.chair, data.chairName],
    [l.secretary, data.secretaryName],
  ] as const) {
    doc
      .font('regular')
      .fontSize(10)
      .moveDown(0.8)
      .text(`${role}: ${name}`)
      .moveDown(0.6)
      .text(`_______________________ (${l.signature})      ____________ (${l.date})`);
  }

  return finish((page, pages) => `${data.meetingId} · ${page}/${pages}`);
}
