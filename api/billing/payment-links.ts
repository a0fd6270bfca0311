// A receipt's payment links: the configured providers' own checkout links (Payme's and Click's
// formats, domain/billing/checkout-links.ts) for the receipt's personal account and amount, so
// <mu-my-bills> and the receipt's payment page (pay-page.ts, the QR code's target) send the payer
// to the provider, or to its local sandbox under `npm start`, never to an address of their own.
import { createRoute } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { owedOnReceiptAccount, receiptById } from '../../db/billing/receipt-views.ts';
import {
  type CheckoutRequest,
  clickLink,
  type PaymentLink,
  paymeLink,
} from '../../domain/billing/checkout-links.ts';
import type { PaymentLinksView, ReceiptView } from '../../domain/billing/views.ts';
import type { Config } from '../../platform/config.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, personOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { PaymentLinksQuery, PaymentLinksSchema } from './schemas.ts';

/** The links of every provider configured with its merchant id; none without. */
export function providerLinks(billing: Config['billing'], r: CheckoutRequest): PaymentLink[] {
  const links: PaymentLink[] = [];
  const { payme, click } = billing;
  if (payme.key && payme.merchantId)
    links.push({
      provider: 'payme',
      url: paymeLink({ checkoutUrl: payme.checkoutUrl, merchantId: payme.merchantId }, r),
    });
  if (click.serviceId && click.secretKey && click.merchantId)
    links.push({
      provider: 'click',
      url: clickLink(
        { checkoutUrl: click.checkoutUrl, serviceId: click.serviceId, merchantId: click.merchantId },
        r,
      ),
    });
  return links;
}

/**
 * What a receipt's links ask: what its personal account owes now. That is the receipt's amount
 * until something changes it: less once part is paid, more when a penalty or an earlier month's
 * charge came after the receipt was made. The providers credit the personal account, not the
 * receipt, and only the whole overdue debt lifts an electricity block.
 */
export async function receiptPaymentLinks(
  em: EntityManager,
  billing: Config['billing'],
  receipt: ReceiptView & { personId: string },
  o: { lang: CheckoutRequest['lang']; returnUrl?: string },
): Promise<PaymentLinksView> {
  const amount = Math.max(0, await owedOnReceiptAccount(em, receipt));
  const account = receipt.snapshot.receipt.personalAccount;
  return {
    receiptId: receipt.id,
    personalAccount: account,
    amount,
    links: amount > 0 ? providerLinks(billing, { account, amount, ...o }) : [],
  };
}

export const paymentLinkRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/billing/receipts/{id}/payment-links',
    operationId: 'getReceiptPaymentLinks',
    tags: ['billing'],
    summary:
      "The payment providers' checkout links for one of the caller's own receipts, for what its personal account owes now (resident; only the receipt's owner). No links when nothing is owed or no provider is configured",
    security: bearer,
    middleware: [requireRoles('resident')] as const,
    request: { params: UuidParam, query: PaymentLinksQuery },
    responses: {
      200: { description: 'The links', content: { 'application/json': { schema: PaymentLinksSchema } } },
      ...problems(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const em = emOf(c);
    const receipt = await receiptById(em, c.req.valid('param').id);
    if (!receipt) throw notFound('no such receipt');
    if (receipt.personId !== personOf(c)) throw forbidden('this receipt is not yours');
    const { lang, returnUrl } = c.req.valid('query');
    return c.json(
      await receiptPaymentLinks(em, c.var.deps.config.billing, receipt, { lang, returnUrl }),
      200,
    );
  },
);
