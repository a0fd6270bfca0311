// A local stand-in for E-IMZO-SERVER's /backend/pkcs7/verify/detached. Real PKCS#7 with Uzbek
// algorithms cannot be made in a test, so the fake "PKCS#7" is base64 JSON naming the signer and
// the SHA-256 of the document it signed; the server checks that hash against the document it is
// sent, so a changed document really fails here as it would on the real server.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type EImzoSigner,
  type EImzoVerifyResponse,
  PINFL_OID,
  TIN_OID,
} from '../../platform/signatures/e-imzo-response.ts';

export interface FakeSignature {
  pinfl: string;
  tin?: string;
  name: string;
  documentSha256: string;
  revoked?: boolean;
  expired?: boolean;
}

export function fakePkcs7(document: Uint8Array, signer: Omit<FakeSignature, 'documentSha256'>): string {
  const documentSha256 = createHash('sha256').update(document).digest('hex');
  return Buffer.from(JSON.stringify({ ...signer, documentSha256 })).toString('base64');
}

export type FakeMode = 'normal' | 'http500' | 'slow' | 'not-json' | 'error-status';

export interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: string;
}

export interface FakeEImzoServer {
  url: string;
  mode: FakeMode;
  slowMs: number;
  requests: ReceivedRequest[];
  stop(): Promise<void>;
}

function signerFor(sig: FakeSignature, document: Buffer): EImzoSigner {
  const subjectInfo: Record<string, string> = { CN: sig.name, [PINFL_OID]: sig.pinfl };
  if (sig.tin) subjectInfo[TIN_OID] = sig.tin;
  const verified = createHash('sha256').update(document).digest('hex') === sig.documentSha256;
  return {
    certificate: [
      {
        subjectInfo,
        serialNumber: '218711a92',
        subjectName: `CN=${sig.name},1.2.860.3.16.1.2=${sig.pinfl}`,
        issuerName: 'CN=TestCA,O=test.e-imzo.uz',
        validFrom: '2026-01-01 00:00:00',
        validTo: sig.expired ? '2026-02-01 00:00:00' : '2028-01-01 00:00:00',
      },
      { subjectInfo: { CN: 'TestCA', O: 'test.e-imzo.uz' }, serialNumber: '648484238a3380a7' },
    ],
    signingTime: '2026-11-20 10:00:00',
    verified,
    certificateVerified: true,
    certificateValidAtSigningTime: !sig.expired,
    ...(sig.revoked
      ? { revokedStatusInfo: { revocationTime: '2026-11-01 09:00:00', crlReason: 'keyCompromise' } }
      : {}),
    ...(verified ? {} : { exception: 'Signature verification failed' }),
  };
}

function answer(body: string): EImzoVerifyResponse {
  const [documentB64 = '', pkcs7B64 = ''] = body.split('|');
  let sig: FakeSignature;
  try {
    sig = JSON.parse(Buffer.from(pkcs7B64, 'base64').toString('utf8')) as FakeSignature;
  } catch {
    return { status: -1, message: 'Invalid PKCS#7' };
  }
  const document = Buffer.from(documentB64, 'base64');
  return {
    status: 1,
    message: '',
    pkcs7Info: { signers: [signerFor(sig, document)], documentBase64: documentB64 },
  };
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startFakeEImzoServer(): Promise<FakeEImzoServer> {
  const fake: Omit<FakeEImzoServer, 'url' | 'stop'> = { mode: 'normal', slowMs: 2_000, requests: [] };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    fake.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      body,
    });
    if (req.method !== 'POST' || req.url !== '/backend/pkcs7/verify/detached') {
      res.writeHead(404).end();
      return;
    }
    if (fake.mode === 'http500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (fake.mode === 'not-json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>');
      return;
    }
    if (fake.mode === 'slow') await new Promise((r) => setTimeout(r, fake.slowMs));
    const json = fake.mode === 'error-status' ? { status: -10, message: 'Invalid PKCS#7' } : answer(body);
    if (!res.destroyed) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** An address where nothing listens: a port the OS just handed out and took back. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
