// Demo appeals for `npm start`, so each persona has one to act on at once: a fresh one from the
// resident, for the management company to take up and answer, and one already answered, for the
// resident to rate and accept (or dispute). The council sees both on its board. They go through
// the repository as the API's would, then their workflows hold the deadlines. Fixed ids, keys and
// request ids make a restart a no-op.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { applyToAppeal, createAppeal } from '../../db/appeals/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import type { AppealPolicy } from '../../domain/appeals/policy.ts';
import type { AppealCategory, AppealKind } from '../../domain/appeals/types.ts';
import { startWorkflowOnce } from '../../platform/workflow-client.ts';
import { appealWorkflow, appealWorkflowId } from '../../workflows/appeals/contract.ts';
import { principalOf } from './demo-principal.ts';

interface DemoAppeal {
  id: string;
  category: AppealCategory;
  kind: AppealKind;
  text: string;
  /** The management company's answer, given at once. */
  answer?: string;
}

export const DEMO_APPEALS: readonly DemoAppeal[] = [
  {
    id: 'd3e40000-0000-4000-8000-000d00000001',
    category: 'lift',
    kind: 'complaint',
    text: 'Uchinchi podyezddagi lift uch kundan beri ishlamayapti. Keksa qoʻshnilar zinadan chiqa olmayapti.',
  },
  {
    id: 'd3e40000-0000-4000-8000-000d00000002',
    category: 'cleaning',
    kind: 'application',
    text: 'Hovlidagi chiqindi qutilari har kuni boʻshatilmayapti, atrofda hid bor.',
    answer:
      'Chiqindi olib ketish jadvali kuniga ikki marta (07:00 va 19:00) qilib oʻzgartirildi; qutilar yuvildi.',
  },
];

/** Returns how many demo appeals were registered now (0 when they already existed). */
export async function seedDemoAppeals(
  em: EntityManager,
  temporal: Client,
  policy: AppealPolicy,
): Promise<number> {
  const [resident, manager] = await Promise.all([
    principalOf(em.fork(), DEMO_IDS.users.resident),
    principalOf(em.fork(), DEMO_IDS.users.manager),
  ]);
  if (!resident || !manager) return 0;
  let created = 0;
  for (const demo of DEMO_APPEALS) {
    const subject = { buildingId: DEMO_IDS.building };
    const made = await createAppeal(em.fork(), {
      id: demo.id,
      principal: resident,
      category: demo.category,
      kind: demo.kind,
      subject,
      text: demo.text,
      attachmentIds: [],
      policy,
      idempotencyKey: `${resident.userId}:demo-appeal-${demo.id}`,
      requestSha256: '0'.repeat(64),
    });
    if (made.created) created++;
    if (demo.answer) {
      // Before the workflow starts, so it begins in the dispute period; the request ids make the
      // steps happen once, whatever the resident did with the answer since.
      const actor = { kind: 'user', principal: manager } as const;
      await applyToAppeal(em.fork(), {
        appealId: demo.id,
        command: { type: 'accept' },
        actor,
        requestId: `demo-accept-${demo.id}`,
      });
      await applyToAppeal(em.fork(), {
        appealId: demo.id,
        command: { type: 'answer', text: demo.answer },
        actor,
        requestId: `demo-answer-${demo.id}`,
      });
    }
    await startWorkflowOnce(temporal, appealWorkflow, {
      workflowId: appealWorkflowId(demo.id),
      args: [{ appealId: demo.id }],
    });
  }
  return created;
}
