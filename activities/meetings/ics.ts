// The calendar entry attached to notices: one VEVENT spanning the voting window. Its UID is the
// meeting's, so a postponement (higher SEQUENCE) moves the owner's entry and a cancellation
// (METHOD:CANCEL) removes it instead of adding a second one.
import { createEvent } from 'ics';
import type { MailAttachment } from '../../db/mail/entities.ts';

export interface VotingWindowEvent {
  meetingId: string;
  title: string;
  description: string;
  url: string;
  votingOpensAt: Date;
  votingClosesAt: Date;
  /** Bumped by each postponement so calendars replace the earlier entry. */
  sequence: number;
  cancelled?: boolean;
}

export function votingWindowIcs(e: VotingWindowEvent): string {
  const { error, value } = createEvent({
    uid: `meeting-${e.meetingId}@meninguyim.uz`,
    productId: 'mening-uyim/meetings',
    method: e.cancelled ? 'CANCEL' : 'PUBLISH',
    status: e.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: e.sequence,
    title: e.title,
    description: e.description,
    url: e.url,
    start: e.votingOpensAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: e.votingClosesAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    busyStatus: 'FREE',
    transp: 'TRANSPARENT',
  });
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}

export function icsAttachment(e: VotingWindowEvent): MailAttachment {
  return {
    filename: 'meeting.ics',
    contentType: `text/calendar; charset=utf-8; method=${e.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    content: Buffer.from(votingWindowIcs(e), 'utf8').toString('base64'),
  };
}
