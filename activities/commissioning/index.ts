// Activities of the commissioning workflow (workflows/commissioning/application.ts). Every change is
// one transaction under the application's row lock (db/commissioning); the cadastre is asked here,
// through its adapter, and signatures are verified here, before the transaction, because a
// verifier may be remote.
import { ApplicationFailure } from '@temporalio/common';
import { actOf, partyOf, recordActSignature } from '../../db/commissioning/acts.ts';
import { CommissioningActSignature } from '../../db/commissioning/entities.ts';
import { applyCadastreAnswer } from '../../db/commissioning/registry.ts';
import { actorOf, applyCommand, appOf, factsOf, SYSTEM } from '../../db/commissioning/repository.ts';
import { applicationRow } from '../../db/commissioning/views.ts';
import { noticeTexts, notify } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { peopleActingFor } from '../../db/registry/scope.ts';
import { registeredKey } from '../../db/signatures/keys.ts';
import type { Principal } from '../../domain/access/roles.ts';
import type { CommissioningCommand } from '../../domain/commissioning/application.ts';
import { evaluate } from '../../domain/commissioning/conditions.ts';
import type { CommissioningRuleCode } from '../../domain/commissioning/errors.ts';
import { renderCommissioningReminder } from '../../domain/commissioning/reminder-mail.ts';
import type { Language } from '../../domain/common/language.ts';
import { objectLink } from '../../domain/common/links.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { type CadastreClient, CadastreRejectedError } from '../../platform/cadastre/client.ts';
import type { Mailer } from '../../platform/mail.ts';
import { createSignatureVerifier } from '../../platform/signatures/verifier.ts';
import {
  CADASTRE_REJECTED,
  COMMISSIONING_FAILURES,
  type CommissioningFlowState,
  type RecordCommissioningConditionInput,
  type SignCommissioningActInput,
} from '../../workflows/commissioning/contract.ts';
import { sendMailOnce } from '../mail/send-mail.ts';
import { ruledBy } from '../rule-failure.ts';

export interface CommissioningActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
  publicUrl: string;
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
  cadastre: CadastreClient;
  eImzoUrl?: string;
  eImzoTimeoutMs?: number;
}

const ruled = ruledBy(COMMISSIONING_FAILURES);

export function createCommissioningActivities(deps: CommissioningActivityDeps) {
  const { orm } = deps;

  async function flowState(id: string): Promise<CommissioningFlowState> {
    const em = orm.em.fork();
    const row = await applicationRow(em, id);
    if (!row) throw new RuleError<CommissioningRuleCode>('not_found', `application ${id} does not exist`);
    const application = appOf(row);
    const { missing } = evaluate(application, await factsOf(em, row), row.policy);
    const c = application.conditions;
    return {
      application,
      policy: row.policy,
      needsCadastre: !c.cadastral_passport_issued || (!c.shown_in_registry && row.registryProblem === null),
      missing,
    };
  }

  const command = (id: string, cmd: CommissioningCommand, principal: Principal | null) =>
    ruled(
      applyCommand(orm.em.fork(), id, cmd, principal ? actorOf(principal) : SYSTEM).then(() => flowState(id)),
    );

  async function signAct(
    input: SignCommissioningActInput & { applicationId: string },
  ): Promise<CommissioningFlowState> {
    const em = orm.em.fork();
    const row = await applicationRow(em, input.applicationId);
    const act = row ? await actOf(em, row.id, input.actId) : null;
    if (!row || !act)
      throw new RuleError<CommissioningRuleCode>('not_found', 'no such act of this application');
    const who = partyOf(input.principal, { organizationId: act.organization.id }, row.developerTin);
    if (!who)
      throw new RuleError<CommissioningRuleCode>('forbidden', 'you sign for neither party of this act');
    const tin = who.party === 'developer' ? row.developerTin : act.organization.tin;
    if (await em.count(CommissioningActSignature, { act: act.id, party: who.party }))
      throw new RuleError<CommissioningRuleCode>('wrong_state', 'your party has signed this act already');
    const reject = (reason: string, detail: string) =>
      new RuleError<CommissioningRuleCode>('signature_rejected', detail, ['signature'], reason);
    if (input.documentSha256 !== act.sha256)
      throw reject('document_changed', 'the signature is not over this act');
    const verifier = createSignatureVerifier({
      eImzoUrl: deps.eImzoUrl,
      timeoutMs: deps.eImzoTimeoutMs,
      keyFor: () =>
        input.signature.scheme === 'ecdsa-p256-sha256'
          ? registeredKey(orm.em.fork(), input.principal.userId, input.signature.publicKeyJwk ?? {})
          : Promise.resolve(null),
    });
    const result = await verifier.verify({
      document: new TextEncoder().encode(act.html),
      signature: input.signature,
      expectedSigner: { tin },
    });
    // An unverified signature must never count as signed (domain/signatures/types.ts).
    if (result.status !== 'verified') throw reject(result.reason, result.detail);
    await recordActSignature(orm.em.fork(), {
      applicationId: row.id,
      actId: act.id,
      party: who.party,
      tin,
      signer: { userId: input.principal.userId, name: input.principal.name },
      envelope: input.signature,
      verification: result,
    });
    return flowState(row.id);
  }

  /** Evidence filed by hand: an act's signatures are read from the act, never taken from the caller. */
  async function record(input: RecordCommissioningConditionInput & { applicationId: string }) {
    const em = orm.em.fork();
    const act = await actOf(em, input.applicationId, input.documentId);
    const signedByTins = act
      ? (await em.find(CommissioningActSignature, { act: act.id })).map((s) => s.tin)
      : [];
    return command(
      input.applicationId,
      {
        type: 'record_condition',
        condition: input.condition,
        evidence: {
          documentId: input.documentId,
          signedByTins,
          managementOrganizationTin: input.managementOrganizationTin ?? act?.organization.tin ?? null,
        },
      },
      input.principal,
    );
  }

  return {
    loadCommissioningFlow: (id: string) => ruled(flowState(id)),
    commissioningCommand: (input: {
      applicationId: string;
      command: CommissioningCommand;
      principal: Principal | null;
    }) => command(input.applicationId, input.command, input.principal),
    recordCommissioningCondition: (input: RecordCommissioningConditionInput & { applicationId: string }) =>
      ruled(record(input)),
    signCommissioningAct: (input: SignCommissioningActInput & { applicationId: string }) =>
      ruled(signAct(input)),

    /**
     * Asks the cadastre for the passport. Unavailable is thrown for the workflow's retry policy;
     * a refusal is final for this attempt; no passport leaves the condition unmet.
     */
    async observeCadastre(id: string): Promise<CommissioningFlowState> {
      const row = await applicationRow(orm.em.fork(), id);
      if (!row)
        throw ApplicationFailure.nonRetryable(
          `application ${id} does not exist`,
          COMMISSIONING_FAILURES.not_found,
        );
      try {
        const passport = await deps.cadastre.passport(row.cadastralNumber);
        await applyCadastreAnswer(orm.em.fork(), id, passport);
      } catch (err) {
        if (err instanceof CadastreRejectedError)
          throw ApplicationFailure.nonRetryable(err.message, CADASTRE_REJECTED, {
            errors: err.errors,
          });
        throw err;
      }
      return flowState(id);
    },

    /**
     * Once per application and reminder: the developer's applicant by their own channels and
     * language (notifications), the application's contact address, which is no person, by mail.
     * Both keys name the application and the reminder, so a retry or a replayed timer is harmless.
     */
    async sendCommissioningReminder(input: {
      applicationId: string;
      daysBeforeDeadline: number;
    }): Promise<void> {
      const em = orm.em.fork();
      const row = await applicationRow(em, input.applicationId);
      if (row?.state !== 'waiting' || !row.dueAt) return;
      const { missing } = evaluate(appOf(row), await factsOf(em, row), row.policy);
      if (missing.length === 0) return;
      const key = `commissioning:${row.id}:reminder:${input.daysBeforeDeadline}`;
      const link = objectLink(deps.portalUrl, 'commissioning', row.id);
      const render = (lang: Language) =>
        renderCommissioningReminder(lang, {
          cadastralNumber: row.cadastralNumber,
          missing,
          dueAt: new Date(row.dueAt as Date).getTime(),
          link,
        });
      const people = await peopleActingFor(em, { userIds: [row.applicantUserId] });
      if (people.length > 0)
        await notify(
          em,
          {
            kind: 'commissioning_update',
            texts: noticeTexts(render, link),
            idempotencyKey: key,
            recipients: people.map((personId) => ({ personId })),
          },
          new Date(),
        );
      // The developer's contact records no language: the state language.
      await sendMailOnce(em, deps.mailer, deps.from, {
        idempotencyKey: key,
        to: row.contactEmail,
        ...render('uz'),
      });
    },
  };
}

export type CommissioningActivities = ReturnType<typeof createCommissioningActivities>;
