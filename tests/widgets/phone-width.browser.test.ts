// Every widget the bundle defines fits a 360 px wide phone: rendered alone, as a portal may place
// it, with the demo's own data (the platform as `npm start` runs it) for the persona who uses it,
// in Uzbek, Russian (the longest words) and English, nothing is drawn past the screen's
// right edge and the page does not scroll sideways. A wide table may scroll inside its own box.
// The tags come from the loader's table (widgets/elements.ts), so a new widget fails here until it
// is given a scene.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { DEMO_APPEALS } from '../../scripts/lib/demo-appeals.ts';
import { DEMO_CONTRACT_ID } from '../../scripts/lib/demo-contracts.ts';
import { launchBrowser, newWatchedPage } from '../support/browser.ts';
import { type DemoPlatform, startDemoPlatform } from '../support/demo-platform.ts';
import { horizontalOverflow, settle, trackRequests } from '../support/page-audit.ts';

const TAGS = [
  ...readFileSync(new URL('../../widgets/elements.ts', import.meta.url), 'utf8').matchAll(
    /^\s*'(mu-[a-z-]+)':/gm,
  ),
].map((m) => m[1]!);

/**
 * Parts that have no life of their own on a page, each checked where it appears: a report's photo
 * inside <mu-building-reports> (tests/reports), what an application declared inside the register's
 * review card (tests/contracts/portal-flow), the confirmation dialog when a widget asks
 * (tests/meetings/meeting-staff, at 360 px).
 */
const ONLY_INSIDE = new Set(['mu-report-photo', 'mu-register-application', 'mu-confirm']);
const STANDALONE = TAGS.filter((tag) => !ONLY_INSIDE.has(tag));

/** The demo meetings (scripts/lib/demo-meetings.ts): one open for voting, one not yet open. */
const MEETING_ID = 'd3e40000-0000-4000-8000-000e00000001';
const COMING_MEETING_ID = 'd3e40000-0000-4000-8000-000e00000003';

/**
 * Parts that show nothing in the demo's states (results after the vote, a sign-off once it has
 * closed, a ballot only beside its voter's rights): their layout is checked inside <mu-meeting>.
 */
const EMPTY_IN_DEMO = new Set(['mu-meeting-results', 'mu-meeting-sign-off', 'mu-meeting-ballot']);

const quarterNow = () => {
  const now = new Date(Date.now() + 5 * 3_600_000);
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};

interface Scene {
  persona: string;
  attributes?: Record<string, string>;
  /** Properties a part takes from its parent, as JSON the API gave. */
  props?: Record<string, unknown>;
}

let demo: DemoPlatform;
let browser: Browser;
let scenes: Record<string, Scene>;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemoPlatform(), launchBrowser()]);
  const resident = await demo.tokenFor('resident');
  const building = { 'building-id': DEMO_IDS.building };
  const buildingView = await demo.api<{ district: { id: string }; managementOrganization: { id: string } }>(
    resident,
    `/buildings/${DEMO_IDS.building}`,
  );
  const district = { 'district-id': buildingView.district.id };
  // The demo creates its meetings in the notice phase and their workflows open the vote a moment
  // later: the parts take the meeting as it is once voting is open, as <mu-meeting> would pass it.
  let meeting: { phase: string } = { phase: 'notice' };
  for (let tries = 0; meeting.phase !== 'voting'; tries++) {
    if (tries > 600) throw new Error(`the demo meeting stayed in ${meeting.phase}`);
    if (tries > 0) await new Promise((r) => setTimeout(r, 200));
    meeting = await demo.api<{ phase: string }>(resident, `/meetings/${MEETING_ID}`);
  }
  const me = await demo.api<unknown>(resident, '/me');
  // The demo has no commissioning yet: the developer persona applies for one, as in the portal.
  const developer = await demo.tokenFor('developer');
  const application = await demo.send<{ id: string }>(developer, 'POST', '/commissioning/applications', {
    cadastralNumber: `10:09:01:02:${String(Math.floor(Math.random() * 9000) + 1000)}`,
    districtId: buildingView.district.id,
    developerName: DEMO_IDS.developer.name,
    contactEmail: 'info@yangishahar.uz',
  });
  // The demo's accrual is a workflow started at start-up; its receipts come a moment later.
  let receiptId = '';
  for (let tries = 0; !receiptId; tries++) {
    if (tries > 600) throw new Error('the demo made no receipt for the resident');
    const page = await demo.api<{ items: { id: string }[] }>(
      resident,
      '/billing/me/receipts?page=1&pageSize=5',
    );
    receiptId = page.items[0]?.id ?? '';
    if (!receiptId) await new Promise((r) => setTimeout(r, 200));
  }
  // The demo district in draft lots, as its council officer saves the proposal (once per platform).
  const council = await demo.tokenFor('council');
  const districtId = buildingView.district.id;
  let lots = await demo.api<{ id: string }[]>(council, `/lots?districtId=${districtId}`);
  if (lots.length === 0) {
    const proposal = await demo.api<{ lots: { buildingIds: string[] }[] }>(
      council,
      `/lots/proposal?districtId=${districtId}`,
    );
    lots = await demo.send<{ id: string }[]>(council, 'POST', '/lots/drafts', {
      districtId,
      lots: proposal.lots.map((l) => ({ buildingIds: l.buildingIds })),
    });
  }
  const ofMeeting = { persona: 'resident', attributes: { 'meeting-id': MEETING_ID }, props: { meeting, me } };
  const coming = { persona: 'manager', attributes: { 'meeting-id': COMING_MEETING_ID } };
  scenes = {
    'mu-building-card': { persona: 'resident', attributes: building },
    'mu-building-condition': { persona: 'resident', attributes: building },
    'mu-building-consumption': { persona: 'manager', attributes: building },
    'mu-district-summary': { persona: 'inspector', attributes: district },
    'mu-meetings': { persona: 'resident', attributes: building },
    'mu-meeting': { persona: 'resident', attributes: { 'meeting-id': MEETING_ID } },
    'mu-meeting-participation': ofMeeting,
    'mu-meeting-voting': ofMeeting,
    'mu-meeting-ballot': ofMeeting,
    'mu-meeting-discussion': ofMeeting,
    'mu-meeting-results': ofMeeting,
    'mu-meeting-call': { persona: 'manager', attributes: building },
    'mu-meeting-actions': { persona: 'manager', attributes: { 'meeting-id': MEETING_ID } },
    'mu-meeting-postpone': coming,
    'mu-meeting-cancel': coming,
    'mu-meeting-sign-off': { persona: 'manager', attributes: { 'meeting-id': MEETING_ID } },
    // The demo meeting's initiator is the manager persona.
    'mu-meeting-notice-proof': { persona: 'manager', attributes: { 'meeting-id': MEETING_ID } },
    'mu-register': { persona: 'inspector' },
    'mu-register-organization': {
      persona: 'resident',
      attributes: { 'org-id': buildingView.managementOrganization.id },
    },
    'mu-condition-assessment': { persona: 'inspector', attributes: building },
    'mu-register-history': {
      persona: 'applicant',
      attributes: { 'org-id': DEMO_IDS.organizations.applicant },
    },
    'mu-contract': { persona: 'resident', attributes: { 'contract-id': DEMO_CONTRACT_ID } },
    'mu-appeal-form': { persona: 'resident', attributes: building },
    'mu-my-appeals': { persona: 'resident' },
    'mu-appeal-details': { persona: 'resident', attributes: { 'appeal-id': DEMO_APPEALS[1]!.id } },
    'mu-appeals-board': { persona: 'council', attributes: district },
    'mu-lots': { persona: 'council', attributes: district },
    'mu-lot': { persona: 'council', attributes: { 'lot-id': lots[0]!.id } },
    // The demo's emergency and mass outage (scripts/lib/demo-dispatch.ts): the resident's own
    // requests, and the technician on call's jobs.
    'mu-dispatch-request': { persona: 'resident', attributes: building },
    'mu-dispatch-requests': { persona: 'resident' },
    'mu-my-jobs': { persona: 'technician' },
    'mu-commissioning': { persona: 'developer', attributes: { 'application-id': application.id } },
    'mu-my-bills': { persona: 'resident' },
    'mu-receipt-pay': { persona: 'resident', attributes: { 'receipt-id': receiptId } },
    'mu-building-account': { persona: 'manager', attributes: building },
    'mu-building-debtors': { persona: 'manager', attributes: building },
    'mu-building-collection': { persona: 'manager', attributes: building },
    'mu-unmatched-payments': { persona: 'manager', attributes: building },
    'mu-billing-violations': { persona: 'inspector', attributes: building },
    'mu-building-reports': { persona: 'resident', attributes: building },
    'mu-reports-board': { persona: 'inspector', attributes: district },
    'mu-report-editor': { persona: 'manager', attributes: { ...building, quarter: quarterNow() } },
    'mu-dispatch-board': {
      persona: 'manager',
      attributes: { 'org-id': buildingView.managementOrganization.id },
    },
    'mu-dispatch-roster': {
      persona: 'manager',
      attributes: { 'org-id': buildingView.managementOrganization.id },
    },
    'mu-dispatch-figures': { persona: 'council', attributes: district },
    'mu-notification-settings': { persona: 'resident' },
    'mu-inbox': { persona: 'resident' },
    'mu-mailing-report': {
      persona: 'manager',
      attributes: { 'org-id': buildingView.managementOrganization.id },
    },
  };
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

it('knows a scene for every tag the bundle defines', () => {
  expect(TAGS.length).toBeGreaterThan(30);
  expect(STANDALONE.filter((tag) => !(tag in scenes))).toEqual([]);
});

describe.each(['uz', 'ru', 'en'])('at 360 px in %s', (lang) => {
  it.each(STANDALONE)('%s does not overflow', async (tag) => {
    const scene = scenes[tag]!;
    const token = await demo.tokenFor(scene.persona);
    const { page, context, errors } = await newWatchedPage(browser, {
      viewport: { width: 360, height: 740 },
      timeout: 30_000,
    });
    try {
      const pending = trackRequests(page);
      // A bare page of the platform's origin, as a portal's would be: the bundle and one element.
      await page.route(`${demo.url}/phone-test.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
              body { margin: 0; padding: 1rem; font-family: sans-serif; }
              main { padding: 1rem; border: 1px solid #ccc; }
            </style></head><body><main></main></body></html>`,
        }),
      );
      await page.goto(`${demo.url}/phone-test.html`);
      await page.addScriptTag({ url: '/widgets/mening-uyim.js', type: 'module' });
      await page.evaluate(
        async ({ tag, token, lang, scene }) => {
          window.MeningUyim!.configure({ token, lang: lang as 'uz' });
          const element = document.createElement(tag) as HTMLElement & Record<string, unknown>;
          for (const [name, value] of Object.entries(scene.attributes ?? {}))
            element.setAttribute(name, value);
          Object.assign(element, scene.props ?? {});
          // A portal's column: its page margin and its panel's padding leave the widget ~290 px.
          document.querySelector('main')!.append(element);
          // The loader fetches an element's code when its tag first appears on the page.
          await customElements.whenDefined(tag);
        },
        { tag, token, lang, scene },
      );
      await settle(page, pending);
      // An element draws once its language's texts have arrived, a moment after its code: wait
      // for the drawing itself (up to the page's timeout) rather than for the network to go quiet.
      const drawn = (tag: string) =>
        (document.querySelector(tag)?.shadowRoot?.textContent ?? '').trim() !== '';
      if (!EMPTY_IN_DEMO.has(tag)) {
        const shown = await page.waitForFunction(drawn, tag).then(
          () => true,
          () => false,
        );
        expect(shown, `${tag} rendered nothing`).toBe(true);
        await settle(page, pending);
      }
      const overflow = await horizontalOverflow(page);
      expect(overflow.boxes, `${tag} draws past 360 px`).toEqual([]);
      expect(overflow.scrollWidth, `${tag} scrolls sideways`).toBeLessThanOrEqual(overflow.clientWidth);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
