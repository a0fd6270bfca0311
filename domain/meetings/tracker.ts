// Ballot trackers: a voter proves their ballot was counted as cast without revealing it to
// anyone else. The browser makes a random secret and keeps it; the server stores only
// tracker = SHA-256(canonical ballot ‖ secret). After the close, every counted ballot's tracker
// is published with its choices; the voter recomputes their tracker and finds it in the list.
// WebCrypto only (no Node built-ins): the same code runs in the API and in the widget.
import { hex, sha256Hex } from '../common/sha256.ts';
import type { Choice } from './decide.ts';

export interface BallotContent {
  meetingId: string;
  apartmentId: string;
  ownerId: string;
  /** itemId → choice; serialised in item-id order so the hash does not depend on key order. */
  choices: Record<string, Choice>;
}

export const choicesLine = (choices: Record<string, Choice>): string =>
  Object.keys(choices)
    .sort()
    .map((id) => `${id}=${choices[id]}`)
    .join(';');

export const canonicalBallot = (b: BallotContent): string =>
  `mu-ballot/v1|${b.meetingId}|${b.apartmentId}|${b.ownerId}|${choicesLine(b.choices)}`;

export const SECRET_PATTERN = /^[0-9a-f]{32,128}$/;

export async function computeTracker(ballot: BallotContent, secret: string): Promise<string> {
  if (!SECRET_PATTERN.test(secret))
    throw new RangeError('the receipt secret must be 32–128 lowercase hex digits');
  return sha256Hex(`${canonicalBallot(ballot)}|${secret}`);
}

export function newReceiptSecret(): string {
  return hex(globalThis.crypto.getRandomValues(new Uint8Array(32)).buffer);
}

/** One line per counted ballot, as published: tracker, weight and choices, no identity. */
export interface PublishedBallot {
  tracker: string;
  weight: number;
  choices: Record<string, Choice>;
}

/** Hash of the counted ballot set; order-independent, so anyone can recompute it from the list. */
export async function ballotSetHash(ballots: PublishedBallot[]): Promise<string> {
  const lines = ballots.map((b) => `${b.tracker}|${b.weight}|${choicesLine(b.choices)}`).sort();
  return sha256Hex(lines.join('\n'));
}
