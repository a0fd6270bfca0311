// What embedding the widgets may cost a page, in gzip bytes received, one language of texts.
// oneWidget is issue 13's target for a page with one widget (Lit and the loader included). all is
// its target for every widget together; the code alone is over it today (widgets/README.md, "Size
// and loading"), so the test holds the measured size under allCeiling, which may only fall except
// when elements are added: it was 128 kB for 37 tags, and rose to 156 kB with the seven that came
// with the forms, confirmations, documents read before signing, assessments and report photos,
// and to 188.5 kB with dispatch's five elements and notifications' three (188.1 kB measured in
// Russian, the longest texts; 153.4 kB before them), and to 190.6 kB with the board's form for
// a phone call (2.1 kB measured in Russian: 188,066 to 190,146 bytes) and 191 kB with its roster's
// gaps (190,503 bytes), and to 202,260 with the lots' two elements, <mu-lots> and <mu-lot> (11,263
// bytes measured in Russian: 190,497 to 201,760, their code, texts and the partition's rules that
// check the council's edits in the browser), to 203,460 with the settings' phone confirmation
// by SMS code (no new element; +1.2 kB measured in Russian), to 207,635 with
// <mu-dispatch-roster> (4,175 bytes measured in Russian; its element and its texts in the board's
// catalog), to 210,200 with four things issue 13 asks of existing elements (2,560 bytes in
// Russian: words for every rule refusal, the register application's evidence files, the report
// editor's and the billing forms' checks before sending), and to 211,200 with the "Open" link
// every list's rows carry to their object for a host portal (widgets/core/navigate.ts openLink and
// its words, about 1 kB in Russian; one shared part in seven lists), to 212,765 with the
// protocol read as text in <mu-meeting-sign-off> before signing (no new element; 1,565 bytes
// measured in Russian: 210,883 to 212,448, its template and words, and the results' words now a
// chunk the sign-off shares), and to 217,605 with the lots' owners' choice in <mu-lot> and the
// district's SVG map in <mu-lots> (4,916 bytes measured in Russian: 210,883 to 215,799; no new
// element, their code and texts in the lots' own chunks). It fell to 212,000 when the build began
// squeezing the indentation out of html/svg/css templates (scripts/lib/vite-minify-templates.ts:
// 211,692 bytes measured in Russian, the one-card page 24,313). Grouping chunks by capability
// would bring every tag to about 160 kB, but a page with one tag other than the card would then
// receive its whole capability (up to 64 kB); a portal page with one widget is the common case.
// It rose by 1,460 with words for every refusal code and register reason, and the texts' "try
// again" (measured in Russian before the squeezing: 217,430 to 218,890), and by 2,356 with
// <mu-meeting-notice-proof>, a meeting's proof of notice per owner (217,464 to 219,820 measured in
// Russian before the squeezing; one new element and its texts), and by 462 with the lots'
// map of plot outlines, each lot's programme cost and the companies' open lots (215,293 to 215,755
// measured in Russian), and by 275 with how a receipt stands now in <mu-my-bills> (paid, when,
// what is left: 216,272 to 216,547 measured in Russian; no new element).
export const WIDGET_BUDGET = { oneWidget: 25_000, all: 60_000, allCeiling: 216_553 } as const;
