// The built-in scheme's device key in headless Chromium, loaded from the widget bundle as shipped:
// it outlives a reload (IndexedDB on a real http origin), its private half cannot be exported, and
// what it signs in the page verifies in Node with the API's own verifier, over those bytes only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EcdsaEnvelope, jwkThumbprint, verifyEcdsa } from '../../domain/signatures/ecdsa.ts';
import { launchBrowser } from '../support/browser.ts';
import { BUNDLE, buildBundle } from '../support/widget-bundle.ts';

interface PageKey {
  thumbprint: string;
  publicKeyJwk: JsonWebKey;
  extractable: boolean;
  algorithm: string;
  exportError: string | null;
  signatureBase64: string;
}

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let pageErrors: string[];

beforeAll(async () => {
  const files = await buildBundle();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path);
    if (file !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(file);
    } else if (path === '/') {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
          <script type="module">import * as mu from '${BUNDLE}'; window.mu = mu;</script>
          </head><body></body></html>`);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  // One context for the whole file: its IndexedDB is what must survive the reloads.
  context = await browser.newContext();
  context.setDefaultTimeout(10_000);
  pageErrors = [];
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function openPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'mu' in window);
  return page;
}

/** Gets (or creates) the user's key through the bundle's export and signs `message` with it. */
function keyInPage(page: Page, userId: string, message: string): Promise<PageKey> {
  return page.evaluate(
    // A page-side import() would be rewritten by vitest's transform: the page exposes the module.
    async ({ userId, message }) => {
      const { getOrCreateSigningKey } = (window as unknown as { mu: typeof import('../../widgets/index.ts') })
        .mu;
      const key = await getOrCreateSigningKey(userId);
      const exportError = await crypto.subtle.exportKey('jwk', key.privateKey).then(
        () => null,
        (error: Error) => error.name,
      );
      const signature = new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          key.privateKey,
          new TextEncoder().encode(message),
        ),
      );
      return {
        thumbprint: key.thumbprint,
        publicKeyJwk: key.publicKeyJwk,
        extractable: key.privateKey.extractable,
        algorithm: `${key.privateKey.algorithm.name}/${(key.privateKey.algorithm as EcKeyAlgorithm).namedCurve}`,
        exportError,
        signatureBase64: btoa(String.fromCharCode(...signature)),
      };
    },
    { userId, message },
  );
}

/** The stored entry read straight from IndexedDB, bypassing the module. */
function storedPublicJwk(page: Page, userId: string): Promise<JsonWebKey | null> {
  return page.evaluate(async (userId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('mening-uyim-keys');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const pair = await new Promise<CryptoKeyPair | undefined>((resolve, reject) => {
      const r = db.transaction('signing-keys').objectStore('signing-keys').get(userId);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return pair ? crypto.subtle.exportKey('jwk', pair.publicKey) : null;
  }, userId);
}

const envelope = (key: PageKey): EcdsaEnvelope => ({
  scheme: 'ecdsa-p256-sha256',
  publicKeyJwk: key.publicKeyJwk,
  signatureBase64: key.signatureBase64,
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('getOrCreateSigningKey in Chromium', () => {
  it('keeps a non-extractable key across reloads whose signatures verify in Node', async () => {
    const page = await openPage();
    const document = '<html><body>Contract MU-2026-000123, version 1</body></html>';
    const first = await keyInPage(page, 'user-a', document);

    expect(first.algorithm).toBe('ECDSA/P-256');
    expect(first.extractable).toBe(false);
    expect(first.exportError).toBe('InvalidAccessError');
    expect(first.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(first.publicKeyJwk).not.toHaveProperty('d');
    expect(first.thumbprint).toBe(await jwkThumbprint(first.publicKeyJwk));
    expect(await storedPublicJwk(page, 'user-a')).toMatchObject({
      x: first.publicKeyJwk.x,
      y: first.publicKeyJwk.y,
    });

    expect(await verifyEcdsa(bytes(document), envelope(first), first.publicKeyJwk)).toMatchObject({
      status: 'verified',
    });
    expect(
      await verifyEcdsa(
        bytes(document.replace('version 1', 'version 2')),
        envelope(first),
        first.publicKeyJwk,
      ),
    ).toMatchObject({ status: 'rejected', reason: 'bad_signature' });

    // A reload drops every module-level cache: what comes back can only come from IndexedDB.
    await page.reload();
    await page.waitForFunction(() => 'mu' in window);
    const other = 'another document signed after the reload';
    const again = await keyInPage(page, 'user-a', other);
    expect(again.thumbprint).toBe(first.thumbprint);
    expect(again.exportError).toBe('InvalidAccessError');
    // The private key itself survived, not just a copy of the public one.
    expect(await verifyEcdsa(bytes(other), envelope(again), first.publicKeyJwk)).toMatchObject({
      status: 'verified',
    });

    // Another user on the same device gets a key of their own.
    const someoneElse = await keyInPage(page, 'user-b', document);
    expect(someoneElse.thumbprint).not.toBe(first.thumbprint);
    expect(await verifyEcdsa(bytes(document), envelope(someoneElse), first.publicKeyJwk)).toMatchObject({
      status: 'rejected',
      reason: 'wrong_signer',
    });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('gives two tabs asking at once the same key', async () => {
    const [one, two] = await Promise.all([openPage(), openPage()]);
    const [a, b] = await Promise.all([keyInPage(one, 'user-race', 'x'), keyInPage(two, 'user-race', 'y')]);
    expect(a.thumbprint).toBe(b.thumbprint);
    const three = await openPage();
    expect((await keyInPage(three, 'user-race', 'z')).thumbprint).toBe(a.thumbprint);
    await Promise.all([one.close(), two.close(), three.close()]);
    expect(pageErrors).toEqual([]);
  });
});
