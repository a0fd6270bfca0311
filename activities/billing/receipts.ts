// The month's step after the accrual: a district's receipts, building by building, each sent to
// its owner through notifications (by their channels; by email with its PDF), and the month's
// charges of the buildings' extra revenue sources posted to the ledger. One activity call per district and month (the workflow's history
// stays small however many owners); it heartbeats after each building and resumes from the last
// one a retry reports, and each building is idempotent on its own (receipts are made once, notice
// queued once, transfers keyed by source and month), so a retry repeats nothing.
import { Context } from '@temporalio/activity';
import { postTransfers } from '../../db/billing/ledger.ts';
import { queueReceiptMail, receiptsAwaitingMail } from '../../db/billing/receipt-mail.ts';
import { buildingsWithAccounts, makeBuildingReceipts } from '../../db/billing/receipts.ts';
import { sourcesRunningIn } from '../../db/billing/revenue-sources.ts';
import type { MessageText } from '../../db/notifications/public.ts';
import type { Orm } from '../../db/orm.ts';
import { endOf, firstDay } from '../../domain/billing/period.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { receiptMail, receiptNotice } from '../../domain/billing/receipt-document.ts';
import { revenueTransfer } from '../../domain/billing/revenue-sources.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import { objectLink, withPortalLink } from '../../domain/common/links.ts';
import { renderReceiptPdf } from '../../platform/billing/receipt-pdf.ts';

export interface ReceiptActivityDeps {
  orm: Orm;
  publicUrl: string;
  /** The portal every link in a mail opens (config PORTAL_URL, PUBLIC_URL by default; domain/common/links.ts). */
  portalUrl: string;
  policy: () => Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'receiptPaymentsThroughDay'>;
}

export interface MonthReceiptsInput {
  districtId: string;
  period: string;
}

export interface MonthReceiptsResult {
  buildings: number;
  made: number;
  existing: number;
  mailed: number;
}

const BUILDINGS_PER_QUERY = 50;

/** A district's receipts of a month; `progress(after)` is told each building done. */
export async function makeDistrictReceipts(
  deps: ReceiptActivityDeps,
  input: MonthReceiptsInput,
  resumeAfter: string | null = null,
  progress: (after: string) => void = () => undefined,
): Promise<MonthReceiptsResult> {
  const result: MonthReceiptsResult = { buildings: 0, made: 0, existing: 0, mailed: 0 };
  let after = resumeAfter;
  for (;;) {
    const page = await buildingsWithAccounts(
      deps.orm.em.fork(),
      input.districtId,
      after,
      BUILDINGS_PER_QUERY,
    );
    for (const buildingId of page) {
      const made = await makeBuildingReceipts(deps.orm.em.fork(), {
        buildingId,
        period: input.period,
        policy: deps.policy(),
        publicUrl: deps.publicUrl,
        now: new Date(),
      });
      result.made += made.made;
      result.existing += made.existing;
      result.mailed += await mailBuildingReceipts(deps, buildingId, input.period);
      result.buildings++;
      after = buildingId;
      progress(after);
    }
    if (page.length < BUILDINGS_PER_QUERY) return result;
  }
}

/**
 * Hands the building's receipts of the month not handed over yet to notifications, each in every
 * language: the mail keeps its text and, for an owner with an address, the PDF in their language;
 * Telegram, SMS and the inbox get what is due, by when, and the payment page's link.
 */
export async function mailBuildingReceipts(deps: ReceiptActivityDeps, buildingId: string, period: string) {
  const waiting = await receiptsAwaitingMail(deps.orm.em.fork(), buildingId, period);
  const notices = [];
  for (const r of waiting) {
    const pdf = r.email ? await renderReceiptPdf(r.snapshot, r.sha256, r.language) : null;
    const portal = objectLink(deps.portalUrl, 'receipt', r.id);
    const texts = Object.fromEntries(
      LANGUAGES.map((lang): [Language, MessageText] => {
        const mail = receiptMail(r.snapshot, lang);
        const notice = receiptNotice(r.snapshot, lang);
        return [
          lang,
          {
            subject: notice.subject,
            body: notice.body,
            link: r.snapshot.payUrl,
            text: withPortalLink(mail.text, lang, portal),
            // One copy of the PDF, in the language it was drawn in: a mail in another language
            // (a preference changed since) still carries the payment page's link.
            ...(pdf && lang === r.language
              ? {
                  attachments: [
                    {
                      filename: `receipt-${r.snapshot.receipt.number}.pdf`,
                      contentType: 'application/pdf',
                      content: Buffer.from(pdf).toString('base64'),
                    },
                  ],
                }
              : {}),
          },
        ];
      }),
    ) as Record<Language, MessageText>;
    notices.push({ receipt: r, texts });
  }
  return queueReceiptMail(deps.orm.em.fork(), notices, new Date());
}

/** The month's charges of every household service centre and lightweight structure in the district. */
export async function postDistrictRevenueSources(
  deps: Pick<ReceiptActivityDeps, 'orm'>,
  input: MonthReceiptsInput,
) {
  const sources = await sourcesRunningIn(
    deps.orm.em.fork(),
    input.districtId,
    firstDay(input.period),
    endOf(input.period),
  );
  const transfers = sources.flatMap((s) => {
    const t = revenueTransfer(s, input.period);
    return t
      ? [
          {
            ...t,
            status: 'posted' as const,
            buildingId: s.buildingId,
            detail: {
              sourceId: s.id,
              kind: s.kind,
              contractNumber: s.contractNumber,
              partyName: s.partyName,
            },
          },
        ]
      : [];
  });
  const posted = await postTransfers(deps.orm.em.fork(), transfers);
  return { sources: sources.length, recorded: posted.recorded, duplicates: posted.duplicates };
}

export function createReceiptActivities(deps: ReceiptActivityDeps) {
  return {
    /** After the month's accrual: every owner's receipt in the district, mailed. */
    async makeBillingReceipts(input: MonthReceiptsInput): Promise<MonthReceiptsResult> {
      const ctx = Context.current();
      const resume = (ctx.info.heartbeatDetails as { after?: string } | undefined)?.after ?? null;
      return makeDistrictReceipts(deps, input, resume, (after) => ctx.heartbeat({ after }));
    },
    /** The month's charges of the district's extra revenue sources, onto the ledger. */
    postBillingRevenueSources: (input: MonthReceiptsInput) => postDistrictRevenueSources(deps, input),
  };
}

export type ReceiptActivities = ReturnType<typeof createReceiptActivities>;
