/**
 * The buyer's side of checkout: the page PayPal shows at `/checkoutnow?token=…`. It is
 * self-contained (no scripts, fonts or images from elsewhere), works without JavaScript,
 * and says on every page that it is a simulator moving no real money.
 */

/** The choices on the page: the form's `action` values, also the buttons' `data-action`. */
export const approvalActions = ['approve', 'approve_declined', 'approve_pending', 'cancel'] as const;
export type ApprovalAction = (typeof approvalActions)[number];

export function isApprovalAction(value: unknown): value is ApprovalAction {
  return typeof value === 'string' && (approvalActions as readonly string[]).includes(value);
}

const buttons: ReadonlyArray<{ action: ApprovalAction; id: string; label: string; kind: string }> = [
  { action: 'approve', id: 'approve', label: 'Approve', kind: 'primary' },
  {
    action: 'approve_declined',
    id: 'approve-declined',
    label: 'Approve — capture will be declined',
    kind: 'scenario',
  },
  {
    action: 'approve_pending',
    id: 'approve-pending',
    label: 'Approve — capture will be pending',
    kind: 'scenario',
  },
  { action: 'cancel', id: 'cancel', label: 'Cancel', kind: 'secondary' },
];

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Colours meet WCAG AA contrast on their backgrounds; focus is always visible.
const styles = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f5f7fa; color: #1a1a1a; line-height: 1.5; }
  .banner { background: #7a2e00; color: #fff; padding: 0.75rem 1rem; text-align: center; }
  .banner strong { display: block; font-size: 1.05rem; }
  main { max-width: 28rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 0.75rem;
         box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.35rem 1rem; margin: 0 0 1.5rem; }
  dt { color: #4a4a4a; }
  dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
  .amount { font-size: 1.3rem; }
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
  legend { font-weight: 600; margin-bottom: 0.75rem; padding: 0; }
  button { font: inherit; font-size: 1rem; padding: 0.8rem 1rem; border-radius: 2rem; border: 2px solid #003087;
           cursor: pointer; min-height: 44px; }
  button.primary { background: #003087; color: #fff; }
  button.scenario { background: #fff; color: #003087; }
  button.secondary { background: #fff; color: #4a4a4a; border-color: #6b6b6b; }
  button:focus-visible { outline: 3px solid #ffbf00; outline-offset: 2px; }
  p.note { color: #4a4a4a; font-size: 0.9rem; }
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — PayPal sandbox simulator</title>
<style>${styles}</style>
</head>
<body>
<header class="banner" role="banner">
<strong>PayPal sandbox simulator — no real money</strong>
This is a local test stand-in for PayPal. Nothing here charges anyone.
</header>
<main>
${content}
</main>
</body>
</html>
`;
}

export interface ApprovalPageView {
  orderId: string;
  merchantName: string;
  /** The order's total as the buyer reads it, e.g. `10.50 USD`. */
  amountText: string;
  description: string | null;
  buyerEmail: string;
  /** Where the form posts. */
  formAction: string;
}

export function renderApprovalPage(view: ApprovalPageView): string {
  const rows = [
    ['Merchant', `<span data-field="merchant">${escapeHtml(view.merchantName)}</span>`],
    ['Amount', `<span class="amount" data-field="amount">${escapeHtml(view.amountText)}</span>`],
    ...(view.description
      ? [['For', `<span data-field="description">${escapeHtml(view.description)}</span>`]]
      : []),
    ['Paying as', escapeHtml(view.buyerEmail)],
    ['Order', `<span data-field="order-id">${escapeHtml(view.orderId)}</span>`],
  ];
  const buttonHtml = buttons
    .map(
      (button) =>
        `<button type="submit" name="action" value="${button.action}" id="${button.id}" data-action="${button.action}" class="${button.kind}">${escapeHtml(button.label)}</button>`,
    )
    .join('\n');
  return page(
    `Pay ${view.merchantName}`,
    `<h1>Pay ${escapeHtml(view.merchantName)}</h1>
<dl>
${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('\n')}
</dl>
<form method="post" action="${escapeHtml(view.formAction)}">
<fieldset>
<legend>Approve this payment?</legend>
${buttonHtml}
</fieldset>
</form>
<p class="note">The declined and pending choices let you try how the merchant handles those outcomes.</p>`,
  );
}

/** A page with a heading and one paragraph: the end of a checkout, or why it cannot go on. */
export function renderMessagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
