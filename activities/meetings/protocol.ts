// The protocol is generated once per meeting: saveProtocol keeps the first PDF, so a retried
// activity returns the stored document's hash rather than a second version.
import { createHash } from 'node:crypto';
import {
  getProtocol,
  loadProtocolData,
  type ProtocolData,
  saveProtocol,
} from '../../db/meetings/repository.ts';
import { failure, type MeetingActivityDeps, meetingRow } from './common.ts';
import { renderProtocolPdf } from './protocol-pdf.ts';

export function createProtocolActivities({ orm, publicUrl, protocolLanguage = 'uz' }: MeetingActivityDeps) {
  async function protocolData(meetingId: string): Promise<ProtocolData> {
    await meetingRow(orm.em, meetingId);
    const data = await loadProtocolData(orm.em, meetingId, publicUrl);
    if (!data) throw failure('wrong_phase', `meeting ${meetingId} has no recorded decision yet`);
    return data;
  }

  return {
    async generateMeetingProtocol(meetingId: string): Promise<{ sha256: string; bytes: number }> {
      const existing = await getProtocol(orm.em, meetingId);
      if (existing) return { sha256: existing.sha256, bytes: existing.pdf.byteLength };
      const pdf = await renderProtocolPdf(await protocolData(meetingId), protocolLanguage);
      await saveProtocol(orm.em, meetingId, pdf, createHash('sha256').update(pdf).digest('hex'));
      const stored = await getProtocol(orm.em, meetingId);
      if (!stored) throw new Error(`protocol of meeting ${meetingId} was not stored`);
      return { sha256: stored.sha256, bytes: stored.pdf.byteLength };
    },
  };
}
