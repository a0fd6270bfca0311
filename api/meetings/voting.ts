// Voting: an owner's rights, casting a ballot, their receipts, the participation counter, the
// published results, and powers of attorney. The ballot's phase check, eligibility and
// idempotency live in one database transaction (db/meetings castBallot), never in the workflow,
// so the workflow's history does not grow with the number of voters.
import { createRoute, z } from '@hono/zod-openapi';
import {
  assertMayVoteIn,
  castBallot,
  getMeetingRecord,
  myBallots,
  participation,
  personIdByPinfl,
  publishedBallots,
  recordPowerOfAttorney,
  votingRights,
} from '../../db/meetings/repository.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { ballotSetHash, computeTracker } from '../../domain/meetings/tracker.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf, personOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem } from '../problem.ts';
import { ruled, visibleMeeting } from './common.ts';
import {
  BallotBody,
  BallotReceiptSchema,
  MyBallotSchema,
  ParticipationSchema,
  PowerOfAttorneySchema,
  ProxyBody,
  ResultsSchema,
  VotingRightSchema,
} from './schemas.ts';

const ok = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});
const created = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  201: { description, content: { 'application/json': { schema } } },
});

export const votingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getMyVotingRights',
      path: '/meetings/{id}/my-rights',
      tags: ['meetings'],
      summary: 'What the caller may vote: own shares and those held by power of attorney (resident)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { params: UuidParam },
      responses: { ...ok(z.array(VotingRightSchema), 'Voting rights'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const personId = personOf(c);
      await visibleMeeting(c, id);
      return c.json(await ruled(votingRights(emOf(c), id, personId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'castBallot',
      path: '/meetings/{id}/ballots',
      tags: ['meetings'],
      summary:
        'Cast or replace a ballot for one apartment share, own or by power of attorney; answers with the receipt (resident)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: BallotBody } } },
      },
      responses: {
        ...created(BallotReceiptSchema, 'Counted unless replaced before the close'),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const personId = personOf(c);
      // Who may vote here before the ballot is read: a stranger hears 403 or 404, never its fields.
      await ruled(assertMayVoteIn(emOf(c), id, personId));
      const body = c.req.valid('json');
      const ownerId = body.ownerId ?? personId;
      const ballot = { meetingId: id, apartmentId: body.apartmentId, ownerId, choices: body.choices };
      // The secret only enters the tracker; it is neither stored nor logged.
      const tracker = await computeTracker(ballot, body.receiptSecret);
      const receipt = await ruled(
        castBallot(emOf(c), {
          ...ballot,
          userId: c.var.principal.userId,
          personId,
          tracker,
          idempotencyKey: key,
          requestSha256: await requestHash({ ...ballot, tracker }),
          portalUrl: c.var.deps.config.portalUrl,
        }),
      );
      return c.json(receipt, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyBallots',
      path: '/meetings/{id}/my-ballots',
      tags: ['meetings'],
      summary: 'Ballots the caller cast, for themselves or as a proxy, with their receipts (resident)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { params: UuidParam },
      responses: { ...ok(z.array(MyBallotSchema), 'Own ballots'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const personId = personOf(c);
      await visibleMeeting(c, id);
      return c.json(await ruled(myBallots(emOf(c), id, personId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getParticipation',
      path: '/meetings/{id}/participation',
      tags: ['meetings'],
      summary:
        'How many owners have voted and their share of all votes; counts only (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(ParticipationSchema, 'Participation'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleMeeting(c, id);
      return c.json(await ruled(participation(emOf(c), id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getMeetingResults',
      path: '/meetings/{id}/results',
      tags: ['meetings'],
      summary:
        'Decision, per-item totals and every counted ballot by tracker, once voting has closed (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(ResultsSchema, 'Results'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const meeting = await visibleMeeting(c, id);
      // Nothing about choices leaks before the decision is recorded, not even per-item totals.
      if (!meeting.decision)
        throw new HttpProblem(
          409,
          `results are published after the close; the meeting is in phase ${meeting.phase}`,
        );
      const [ballots, record] = await Promise.all([
        ruled(publishedBallots(emOf(c), id)),
        getMeetingRecord(emOf(c), id),
      ]);
      return c.json(
        {
          decision: meeting.decision,
          ballots,
          // The hash recorded with the decision; recomputed only for a row that predates it.
          ballotSetSha256: record?.ballotSetSha256 ?? (await ballotSetHash(ballots)),
          protocolSha256: meeting.protocol?.sha256 ?? null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordProxy',
      path: '/meetings/{id}/proxies',
      tags: ['meetings'],
      summary:
        'Record a power of attorney (the grantor as resident online, or council and admin entering a paper one)',
      security: bearer,
      middleware: [requireRoles('resident', 'council', 'admin')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ProxyBody } } },
      },
      responses: {
        ...created(PowerOfAttorneySchema, 'Recorded'),
        ...ok(PowerOfAttorneySchema, 'Already recorded (replay)'),
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleMeeting(c, id);
      const body = c.req.valid('json');
      const p = c.var.principal;
      const staff = hasRole(p, 'council', 'admin');
      if (!staff && body.grantorPersonId !== p.personId)
        throw forbidden('a resident records powers of attorney only for themselves');
      const em = emOf(c);
      const proxyPersonId = await personIdByPinfl(em, body.proxyPersonPinfl);
      if (!proxyPersonId)
        throw new HttpProblem(400, 'The request is not valid', {
          errors: [{ field: 'body.proxyPersonPinfl', message: 'no person with this PINFL' }],
        });
      if (proxyPersonId === body.grantorPersonId)
        throw new HttpProblem(400, 'The request is not valid', {
          errors: [{ field: 'body.proxyPersonPinfl', message: 'a person cannot be their own proxy' }],
        });
      const { created, ...poa } = await ruled(
        recordPowerOfAttorney(em, {
          meetingId: id,
          grantorPersonId: body.grantorPersonId,
          proxyPersonId,
          apartmentId: body.apartmentId,
          documentRef: body.documentRef,
          recordedByUserId: p.userId,
          idempotencyKey: c.req.valid('header')['idempotency-key'],
        }),
      );
      return c.json(poa, created ? 201 : 200);
    },
  );
