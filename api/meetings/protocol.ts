// The protocol (minutes): chair and secretary sign it off, anyone in scope downloads it, and anyone
// at all can check a PDF they hold against the system by its SHA-256.
import { createRoute, z } from '@hono/zod-openapi';
import {
  findProtocolBySha256,
  getMeetingRecord,
  getProtocol,
  loadProtocolData,
  signProtocol,
} from '../../db/meetings/repository.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import {
  meetingWorkflow,
  meetingWorkflowId,
  protocolSignedSignal,
} from '../../workflows/meetings/contract.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, publicAccess, UuidParam } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { ruled, visibleMeeting } from './common.ts';
import {
  ProtocolTextSchema,
  SignaturesSchema,
  SignBody,
  VerifiedProtocolSchema,
  VerifyQuery,
} from './schemas.ts';

export const protocolRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'signProtocol',
      path: '/meetings/{id}/protocol/sign',
      tags: ['meetings'],
      summary: "Sign the protocol off in a role (the meeting's chair or secretary only)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: UuidParam,
        body: { required: true, content: { 'application/json': { schema: SignBody } } },
      },
      responses: {
        200: {
          description: 'Signatures so far',
          content: { 'application/json': { schema: SignaturesSchema } },
        },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleMeeting(c, id);
      const { role } = c.req.valid('json');
      const em = emOf(c);
      const signed = await ruled(signProtocol(em, id, role, c.var.principal.userId));
      // The workflow waits for both signatures; a lost signal only delays it to the deadline.
      const client = c.var.deps.temporal;
      const record = await getMeetingRecord(em, id);
      if (client && record) {
        await workflowHandle(client, meetingWorkflow, meetingWorkflowId(record.seriesId))
          .signal(protocolSignedSignal, { role })
          .catch((err: unknown) =>
            c.var.deps.logger.warn({ err, meetingId: id }, 'protocolSigned signal failed'),
          );
      }
      return c.json(signed, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getProtocolPdf',
      path: '/meetings/{id}/protocol.pdf',
      tags: ['meetings'],
      summary:
        'The protocol as PDF; header X-Content-SHA256 is its recorded hash (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: 'The PDF',
          headers: {
            'X-Content-SHA256': { schema: { type: 'string' }, description: 'SHA-256 of the PDF, hex' },
          },
          content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleMeeting(c, id);
      const protocol = await getProtocol(emOf(c), id);
      if (!protocol) throw notFound('the protocol has not been generated yet');
      return c.body(new Uint8Array(protocol.pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="protocol-${id}.pdf"`,
        'X-Content-SHA256': protocol.sha256,
        'Cache-Control': 'private, max-age=0, must-revalidate',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getProtocolText',
      path: '/meetings/{id}/protocol',
      tags: ['meetings'],
      summary:
        "The protocol's content to read on screen, from the data its PDF is drawn from, with the PDF's SHA-256 (any role but developer, scoped)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: "The protocol's decisions, counts, quorum and dates",
          content: { 'application/json': { schema: ProtocolTextSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleMeeting(c, id);
      const em = emOf(c);
      const protocol = await getProtocol(em, id);
      const data = protocol ? await loadProtocolData(em, id, c.var.deps.config.publicUrl) : null;
      if (!protocol || !data) throw notFound('the protocol has not been generated yet');
      const { verifyUrl: _, noticeAt, votingOpensAt, votingClosesAt, decidedAt, ...rest } = data;
      return c.json(
        {
          ...rest,
          noticeAt: noticeAt.toISOString(),
          votingOpensAt: votingOpensAt.toISOString(),
          votingClosesAt: votingClosesAt.toISOString(),
          decidedAt: decidedAt.toISOString(),
          pdfSha256: protocol.sha256,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'verifyProtocol',
      path: '/meetings/protocols/verify',
      tags: ['meetings'],
      summary: 'Is this the SHA-256 of a protocol the system issued? (public)',
      security: publicAccess,
      request: { query: VerifyQuery },
      responses: {
        200: {
          description: 'The meeting the protocol belongs to',
          content: { 'application/json': { schema: VerifiedProtocolSchema } },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const found = await findProtocolBySha256(emOf(c), c.req.valid('query').sha256);
      if (!found) throw notFound('no protocol with this SHA-256 was issued by the system');
      return c.json(found, 200);
    },
  );
