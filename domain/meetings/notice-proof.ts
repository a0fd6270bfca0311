// What a meeting's proof of notice says, as the API serves it and the widget reads it: one shape
// for both sides.

/** One owner's delivery of a meeting's notice, as staff read it: no addresses, no channel errors. */
export interface OwnerNoticeDelivery {
  personId: string;
  fullName: string;
  place: string | null;
  /** pending | done | printed | skipped | given_up */
  status: string;
  printedAt: string | null;
  deliveries: {
    channel: string;
    state: string;
    queuedAt: string;
    sentAt: string | null;
    deliveredAt: string | null;
  }[];
}

export interface MeetingNoticeProof {
  meetingId: string;
  kind: string;
  /** Owners the mailing holds, and how many are in each status and each channel's state. */
  messages: number;
  byStatus: Record<string, number>;
  byChannel: Record<string, Partial<Record<string, number>>>;
  items: OwnerNoticeDelivery[];
  /** The cursor of the next page (`after`), null on the last. */
  next: string | null;
}
