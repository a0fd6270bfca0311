// Likely duplicates: the same apartment or building, a similar text, recently. Similarity is the
// Dice coefficient of character trigrams, which survives the typos, the mixed scripts' shared
// words and the word order of how residents write; it is cheap enough to run on every request
// against the building's recent ones.
import { type DispatchPolicy, MINUTE_MS } from './policy.ts';
import { foldedText } from './text.ts';

/**
 * What the comparison sees of a text: its folded spelling (one script, one apostrophe), letters
 * and digits only, single spaces, so the same words typed in Cyrillic and in Latin compare equal.
 */
export function comparableText(text: string): string {
  return foldedText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function trigrams(text: string): Set<string> {
  const t = ` ${comparableText(text)} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) grams.add(t.slice(i, i + 3));
  return grams;
}

/** 0 (nothing shared) .. 1 (the same trigrams). */
export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

export interface RecentRequest {
  id: string;
  buildingId: string;
  apartmentId: string | null;
  text: string;
  registeredAt: number;
}

export interface DuplicateCandidate {
  id: string;
  similarity: number;
  sameApartment: boolean;
}

/** The recent requests this one likely repeats, most similar first. */
export function findDuplicates(
  policy: DispatchPolicy,
  request: Omit<RecentRequest, 'id'>,
  recent: RecentRequest[],
): DuplicateCandidate[] {
  const since = request.registeredAt - policy.duplicateWindowMinutes * MINUTE_MS;
  const found: DuplicateCandidate[] = [];
  for (const r of recent) {
    if (r.buildingId !== request.buildingId) continue;
    if (r.registeredAt < since || r.registeredAt > request.registeredAt) continue;
    const s = similarity(request.text, r.text);
    if (s < policy.duplicateSimilarity) continue;
    const sameApartment = request.apartmentId !== null && r.apartmentId === request.apartmentId;
    found.push({ id: r.id, similarity: Math.round(s * 1000) / 1000, sameApartment });
  }
  return found.sort(
    (a, b) => Number(b.sameApartment) - Number(a.sameApartment) || b.similarity - a.similarity,
  );
}
