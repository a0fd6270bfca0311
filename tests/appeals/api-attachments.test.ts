// Files of appeals and answers through the real API: uploaded raw, checked by their content rather
// than their name or declared type, limited in size and number by the appeal policy (set small
// here through APPEAL_POLICY, as a deployment would), attached only by their uploader, and
// downloaded byte for byte by whoever may see the appeal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealJson, AttachmentJson } from '../../domain/appeals/json.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import {
  type AppealsEnv,
  act,
  get,
  newScene,
  PDF_BYTES,
  PNG_BYTES,
  type Scene,
  startAppealsEnv,
  submit,
  upload,
} from './fixtures.ts';

const MAX_BYTES = 4096;
const MAX_FILES = 2;

let env: AppealsEnv;
let s: Scene;
let other: Scene;
beforeAll(async () => {
  env = await startAppealsEnv({ attachments: { maxBytes: MAX_BYTES, maxFiles: MAX_FILES } });
  [s, other] = await Promise.all([newScene(env), newScene(env)]);
});
afterAll(async () => {
  await env?.stop();
});

const stored = async (token: string, bytes: Uint8Array, type: string, filename: string) =>
  ok<AttachmentJson>(await upload(env, token, bytes, { type, filename }), 201);

async function download(token: string, id: string) {
  const res = await call(env.app, 'GET', `/appeal-attachments/${id}`, { token });
  expect(res.status).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('appeal attachments', () => {
  it('a PNG and a PDF are stored, attached to the appeal and downloaded unchanged by the applicant and the organization', async () => {
    expect(PNG_BYTES.byteLength).toBeLessThan(MAX_BYTES);
    expect(PDF_BYTES.byteLength).toBeLessThan(MAX_BYTES);
    const png = await stored(s.owner, PNG_BYTES, 'image/png', 'radiator.png');
    expect(png).toMatchObject({
      filename: 'radiator.png',
      mediaType: 'image/png',
      size: PNG_BYTES.byteLength,
    });
    // A parameter on the type and a non-ASCII name (sent URI-encoded) are both fine.
    const pdf = await stored(s.owner, PDF_BYTES, 'application/pdf; charset=binary', 'xat №1.pdf');
    expect(pdf).toMatchObject({
      filename: 'xat №1.pdf',
      mediaType: 'application/pdf',
      size: PDF_BYTES.byteLength,
    });

    const a = await submit(env, s, { attachmentIds: [png.id, pdf.id] });
    const seen = await get(env, s.owner, a.id);
    expect(seen.attachments).toEqual([
      { ...png, part: 'appeal' },
      { ...pdf, part: 'appeal' },
    ]);
    expect((await get(env, s.staff, a.id)).attachments.map((f) => f.id)).toEqual([png.id, pdf.id]);

    for (const [file, bytes] of [
      [png, PNG_BYTES],
      [pdf, PDF_BYTES],
    ] as const) {
      for (const token of [s.owner, s.staff, s.org.tokens.council]) {
        const d = await download(token, file.id);
        expect(Buffer.from(d.bytes).equals(bytes)).toBe(true);
        expect(d.res.headers.get('content-type')).toBe(file.mediaType);
        expect(d.res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(d.res.headers.get('content-disposition')).toBe(
          `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        );
      }
      for (const token of [other.owner, other.staff])
        await problem(await call(env.app, 'GET', `/appeal-attachments/${file.id}`, { token }), 403, {
          detail: 'this attachment is outside your scope',
        });
    }
    // Attached once: the same upload cannot be attached to a second appeal.
    await problem(
      await call(env.app, 'POST', '/appeals', {
        token: s.owner,
        key: newKey(),
        body: {
          category: 'heating',
          subject: { buildingId: s.buildingId },
          text: 'Again',
          attachmentIds: [png.id],
        },
      }),
      400,
      'body.attachmentIds',
    );
  });

  it('a file whose content is not what its Content-Type says is refused, naming header.content-type', async () => {
    const text = new TextEncoder().encode('#!/bin/sh\necho not an image\n');
    await problem(
      await upload(env, s.owner, text, { type: 'image/png', filename: 'photo.png' }),
      400,
      'header.content-type',
    );
    await problem(
      await upload(env, s.owner, PDF_BYTES, { type: 'image/jpeg', filename: 'photo.jpg' }),
      400,
      'header.content-type',
    );
    await problem(
      await upload(env, s.owner, PNG_BYTES, { type: 'application/pdf', filename: 'scan.pdf' }),
      400,
      'header.content-type',
    );
    // A type outside the policy, whatever the content.
    await problem(
      await upload(env, s.owner, text, { type: 'text/x-shellscript', filename: 'run.sh' }),
      400,
      'header.content-type',
    );
  });

  it('a file larger than the policy allows is refused with 413, declared or streamed', async () => {
    const big = new Uint8Array(MAX_BYTES + 1);
    big.set(PNG_BYTES.subarray(0, 8));
    await problem(await upload(env, s.owner, big, { type: 'image/png', filename: 'big.png' }), 413, {
      detail: 'the file exceeds 4096 bytes',
    });
    // Without Content-Length the limit is enforced while the body is read.
    const streamed = await env.app.app.request('/api/v1/appeal-attachments', {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.owner}`, 'Content-Type': 'image/png', 'X-Filename': 'big.png' },
      body: new ReadableStream({
        start(c) {
          c.enqueue(big.subarray(0, 2048));
          c.enqueue(big.subarray(2048));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await problem(streamed, 413, { detail: 'the file exceeds 4096 bytes' });
    // Exactly the limit is fine.
    await stored(s.owner, big.subarray(0, MAX_BYTES), 'image/png', 'edge.png');
  });

  it('more attachments than allowed, or someone else’s upload, is refused naming body.attachmentIds', async () => {
    const mine = await Promise.all(
      Array.from({ length: MAX_FILES + 1 }, (_, i) => stored(s.owner, PNG_BYTES, 'image/png', `p${i}.png`)),
    );
    const submitWith = (attachmentIds: string[]) =>
      call(env.app, 'POST', '/appeals', {
        token: s.owner,
        key: newKey(),
        body: { category: 'lift', subject: { buildingId: s.buildingId }, text: 'The lift', attachmentIds },
      });
    await problem(await submitWith(mine.map((f) => f.id)), 400, 'body.attachmentIds');
    const theirs = await stored(other.owner, PNG_BYTES, 'image/png', 'theirs.png');
    await problem(await submitWith([mine[0]!.id, theirs.id]), 400, 'body.attachmentIds');
    // Nothing was half-attached by the refused submissions: all of them can still be attached.
    const a = await submit(env, s, { attachmentIds: [mine[0]!.id, mine[1]!.id] });
    // Listed in upload order; these were uploaded concurrently, so compare as a set.
    expect(a.attachments.map((f) => f.id).sort()).toEqual([mine[0]!.id, mine[1]!.id].sort());
    // And the other resident's upload is still theirs.
    const b = await submit(env, other, { attachmentIds: [theirs.id] });
    expect(b.attachments.map((f) => f.id)).toEqual([theirs.id]);
  });

  it('the organization’s answer carries its attachment as part “answer”, which the applicant downloads', async () => {
    const photo = await stored(s.owner, PNG_BYTES, 'image/png', 'leak.png');
    const a = await submit(env, s, { attachmentIds: [photo.id] });
    const act_ = await stored(s.staff, PDF_BYTES, 'application/pdf', 'dalolatnoma.pdf');
    // The staff's own upload is visible to them before it is attached, and to nobody else.
    await download(s.staff, act_.id);
    await problem(await call(env.app, 'GET', `/appeal-attachments/${act_.id}`, { token: s.owner }), 403, {
      detail: 'this attachment is outside your scope',
    });
    await ok(await act(env, s.staff, a.id, 'accept'));
    const answered = await ok<AppealJson>(
      await act(env, s.staff, a.id, 'answer', { text: 'Repaired, see the act.', attachmentIds: [act_.id] }),
    );
    expect(answered.attachments).toEqual([
      { ...photo, part: 'appeal' },
      { ...act_, part: 'answer' },
    ]);
    const d = await download(s.owner, act_.id);
    expect(Buffer.from(d.bytes).equals(PDF_BYTES)).toBe(true);
    await problem(await call(env.app, 'GET', `/appeal-attachments/${act_.id}`, { token: other.owner }), 403, {
      detail: 'this attachment is outside your scope',
    });
  });
});
