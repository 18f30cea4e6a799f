import {
  detail,
  invalidRequest,
  type PayPalApi,
  type PayPalErrorDetail,
  unprocessableEntity,
} from './errors.js';
import { isPayPalCurrency, parseAmountValue } from './money.js';
import type { ExperienceContext, Money, OrderRequest, PurchaseUnitRequest, RefundRequest } from './orders.js';

/**
 * Request bodies checked as PayPal checks them: every problem becomes a `details[]` entry
 * with PayPal's issue name and a JSON pointer to the field. Schema problems answer 400
 * (INVALID_REQUEST); when the schema holds, business rules (currency, precision, amounts)
 * answer 422 (UNPROCESSABLE_ENTITY). Unknown fields are ignored, as PayPal ignores them.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointer(path: ReadonlyArray<string | number>): string {
  return `/${path.join('/')}`;
}

/** Collects the problems of one body, 400-level and 422-level apart. */
class Problems {
  readonly schema: PayPalErrorDetail[] = [];
  readonly business: PayPalErrorDetail[] = [];

  constructor(private readonly api: PayPalApi) {}

  schemaIssue(
    issue: string,
    path: ReadonlyArray<string | number>,
    value?: unknown,
    description?: string,
  ): void {
    this.schema.push(this.detailAt(issue, path, value, description));
  }

  businessIssue(issue: string, path: ReadonlyArray<string | number>, value?: unknown): void {
    this.business.push(this.detailAt(issue, path, value));
  }

  throwIfAny(): void {
    if (this.schema.length > 0) throw invalidRequest(this.schema, this.api);
    if (this.business.length > 0) throw unprocessableEntity(this.business, this.api);
  }

  private detailAt(
    issue: string,
    path: ReadonlyArray<string | number>,
    value: unknown,
    description?: string,
  ): PayPalErrorDetail {
    const found = detail(issue, {
      field: pointer(path),
      ...(typeof value === 'string' ? { value } : {}),
      location: 'body',
    });
    return description === undefined ? found : { ...found, description };
  }
}

/** A string member no longer than `maxLength`, or null when absent. */
function optionalString(
  problems: Problems,
  object: JsonObject,
  key: string,
  path: ReadonlyArray<string | number>,
  maxLength: number,
): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [...path, key]);
    return null;
  }
  if (value.length === 0 || value.length > maxLength) {
    problems.schemaIssue('INVALID_STRING_LENGTH', [...path, key], value);
    return null;
  }
  return value;
}

function optionalUrl(
  problems: Problems,
  object: JsonObject,
  key: string,
  path: ReadonlyArray<string | number>,
): string | null {
  const value = optionalString(problems, object, key, path, 4000);
  if (value === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [...path, key], value);
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [...path, key], value);
    return null;
  }
  return value;
}

function enumMember(
  problems: Problems,
  object: JsonObject,
  key: string,
  path: ReadonlyArray<string | number>,
  allowed: readonly string[],
): void {
  const value = object[key];
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    problems.schemaIssue('INVALID_PARAMETER_VALUE', [...path, key], value);
  }
}

/**
 * An `amount` object (`{currency_code, value}`), required and positive. Returns null when
 * it has problems, which are recorded.
 */
function positiveAmount(
  problems: Problems,
  value: unknown,
  path: ReadonlyArray<string | number>,
): Money | null {
  if (value === undefined) {
    problems.schemaIssue('MISSING_REQUIRED_PARAMETER', path);
    return null;
  }
  if (!isObject(value)) {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', path);
    return null;
  }
  const currency = value.currency_code;
  const amountValue = value.value;
  let schemaHolds = true;
  if (currency === undefined) {
    problems.schemaIssue('MISSING_REQUIRED_PARAMETER', [...path, 'currency_code']);
    schemaHolds = false;
  } else if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [...path, 'currency_code'], currency);
    schemaHolds = false;
  }
  if (amountValue === undefined) {
    problems.schemaIssue('MISSING_REQUIRED_PARAMETER', [...path, 'value']);
    schemaHolds = false;
  } else if (typeof amountValue !== 'string') {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [...path, 'value']);
    schemaHolds = false;
  }
  if (!schemaHolds || typeof currency !== 'string' || typeof amountValue !== 'string') return null;
  if (!isPayPalCurrency(currency)) {
    // Without a known currency the precision of the value cannot be judged; PayPal reports the currency alone.
    problems.businessIssue('CURRENCY_NOT_SUPPORTED', [...path, 'currency_code'], currency);
    return null;
  }
  const parsed = parseAmountValue(amountValue, currency);
  if (!parsed.ok) {
    if (parsed.issue === 'INVALID_PARAMETER_SYNTAX' || parsed.issue === 'INVALID_STRING_LENGTH') {
      problems.schemaIssue(parsed.issue, [...path, 'value'], amountValue);
    } else {
      problems.businessIssue(parsed.issue, [...path, 'value'], amountValue);
    }
    return null;
  }
  if (parsed.minor <= 0n) {
    problems.businessIssue('CANNOT_BE_ZERO_OR_NEGATIVE', [...path, 'value'], amountValue);
    return null;
  }
  return { currency, minor: parsed.minor };
}

const maxPurchaseUnits = 10;

function purchaseUnit(problems: Problems, value: unknown, index: number): PurchaseUnitRequest | null {
  const path = ['purchase_units', index];
  if (!isObject(value)) {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', path);
    return null;
  }
  const referenceId = optionalString(problems, value, 'reference_id', path, 256);
  const description = optionalString(problems, value, 'description', path, 127);
  const customId = optionalString(problems, value, 'custom_id', path, 127);
  const invoiceId = optionalString(problems, value, 'invoice_id', path, 127);
  const softDescriptor = optionalString(problems, value, 'soft_descriptor', path, 22);
  const amount = positiveAmount(problems, value.amount, [...path, 'amount']);
  if (!amount) return null;
  return { referenceId: referenceId ?? 'default', amount, description, customId, invoiceId, softDescriptor };
}

function experienceContext(problems: Problems, body: JsonObject): Pick<OrderRequest, 'form' | 'experience'> {
  const empty: ExperienceContext = { returnUrl: null, cancelUrl: null, brandName: null };
  let context: JsonObject | undefined;
  let path: string[];
  let form: OrderRequest['form'];
  if (body.payment_source !== undefined) {
    form = 'payment_source';
    path = ['payment_source', 'paypal', 'experience_context'];
    const source = body.payment_source;
    if (!isObject(source)) {
      problems.schemaIssue('INVALID_PARAMETER_SYNTAX', ['payment_source']);
      return { form, experience: empty };
    }
    const others = Object.keys(source).filter((key) => key !== 'paypal');
    if (others.length > 0 || !isObject(source.paypal)) {
      problems.schemaIssue(
        'INVALID_PARAMETER_VALUE',
        ['payment_source'],
        undefined,
        'The PayPal simulator takes payment_source.paypal only.',
      );
      return { form, experience: empty };
    }
    const candidate = source.paypal.experience_context;
    if (candidate !== undefined && !isObject(candidate))
      problems.schemaIssue('INVALID_PARAMETER_SYNTAX', path);
    context = isObject(candidate) ? candidate : undefined;
  } else {
    form = 'application_context';
    path = ['application_context'];
    const candidate = body.application_context;
    if (candidate !== undefined && !isObject(candidate))
      problems.schemaIssue('INVALID_PARAMETER_SYNTAX', path);
    context = isObject(candidate) ? candidate : undefined;
  }
  if (!context) return { form, experience: empty };
  enumMember(problems, context, 'user_action', path, ['CONTINUE', 'PAY_NOW']);
  enumMember(problems, context, 'shipping_preference', path, [
    'GET_FROM_FILE',
    'NO_SHIPPING',
    'SET_PROVIDED_ADDRESS',
  ]);
  enumMember(problems, context, 'landing_page', path, [
    'LOGIN',
    'GUEST_CHECKOUT',
    'NO_PREFERENCE',
    'BILLING',
  ]);
  return {
    form,
    experience: {
      returnUrl: optionalUrl(problems, context, 'return_url', path),
      cancelUrl: optionalUrl(problems, context, 'cancel_url', path),
      brandName: optionalString(problems, context, 'brand_name', path, 127),
    },
  };
}

/** A body that is not a JSON object at all. */
function malformedBody(api: PayPalApi): never {
  throw invalidRequest([detail('MALFORMED_REQUEST_JSON', { location: 'body' })], api);
}

/** `POST /v2/checkout/orders`. Throws a `PayPalError` naming every problem. */
export function parseOrderRequest(body: unknown): OrderRequest {
  if (!isObject(body)) return malformedBody('orders');
  const problems = new Problems('orders');
  const intent = body.intent;
  if (intent === undefined) {
    problems.schemaIssue('MISSING_REQUIRED_PARAMETER', ['intent']);
  } else if (intent === 'AUTHORIZE') {
    problems.schemaIssue(
      'INVALID_PARAMETER_VALUE',
      ['intent'],
      intent,
      'The PayPal simulator supports intent CAPTURE only.',
    );
  } else if (intent !== 'CAPTURE') {
    problems.schemaIssue('INVALID_PARAMETER_VALUE', ['intent'], intent);
  }
  const units: PurchaseUnitRequest[] = [];
  const rawUnits = body.purchase_units;
  if (rawUnits === undefined) {
    problems.schemaIssue('MISSING_REQUIRED_PARAMETER', ['purchase_units']);
  } else if (!Array.isArray(rawUnits)) {
    problems.schemaIssue('INVALID_PARAMETER_SYNTAX', ['purchase_units']);
  } else if (rawUnits.length === 0) {
    problems.schemaIssue('INVALID_ARRAY_MIN_ITEMS', ['purchase_units']);
  } else if (rawUnits.length > maxPurchaseUnits) {
    problems.schemaIssue('INVALID_ARRAY_MAX_ITEMS', ['purchase_units']);
  } else {
    rawUnits.forEach((raw, index) => {
      const unit = purchaseUnit(problems, raw, index);
      if (unit) units.push(unit);
    });
    if (rawUnits.length > 1) {
      let everyUnitNamed = true;
      rawUnits.forEach((raw, index) => {
        if (isObject(raw) && raw.reference_id === undefined) {
          everyUnitNamed = false;
          problems.businessIssue('REFERENCE_ID_REQUIRED', ['purchase_units', index, 'reference_id']);
        }
      });
      const referenceIds = units.map((unit) => unit.referenceId);
      if (everyUnitNamed && new Set(referenceIds).size !== referenceIds.length) {
        problems.businessIssue('DUPLICATE_REFERENCE_ID', ['purchase_units']);
      }
      if (new Set(units.map((unit) => unit.amount.currency)).size > 1) {
        problems.businessIssue('MULTI_CURRENCY_ORDER', ['purchase_units']);
      }
    }
  }
  const { form, experience } = experienceContext(problems, body);
  problems.throwIfAny();
  return { form, purchaseUnits: units, experience };
}

/** `POST /v2/payments/captures/{id}/refund`; an empty body refunds what is left. */
export function parseRefundRequest(body: unknown): RefundRequest {
  if (body === undefined) return { amount: null, customId: null, invoiceId: null, noteToPayer: null };
  if (!isObject(body)) return malformedBody('payments');
  const problems = new Problems('payments');
  const amount = body.amount === undefined ? null : positiveAmount(problems, body.amount, ['amount']);
  const request: RefundRequest = {
    amount,
    customId: optionalString(problems, body, 'custom_id', [], 127),
    invoiceId: optionalString(problems, body, 'invoice_id', [], 127),
    noteToPayer: optionalString(problems, body, 'note_to_payer', [], 255),
  };
  problems.throwIfAny();
  return request;
}

/** `POST /v2/checkout/orders/{id}/capture`: the body may be empty; a `payment_source` in it is ignored. */
export function checkCaptureRequest(body: unknown): void {
  if (body !== undefined && !isObject(body)) malformedBody('orders');
}

export interface VerifyWebhookSignatureRequest {
  authAlgo: string;
  certUrl: string;
  transmissionId: string;
  transmissionSig: string;
  transmissionTime: string;
  webhookId: string;
  webhookEvent: JsonObject;
}

/** `POST /v1/notifications/verify-webhook-signature`: all seven fields are required. */
export function parseVerifyWebhookSignatureRequest(body: unknown): VerifyWebhookSignatureRequest {
  if (!isObject(body)) return malformedBody('notifications');
  const problems = new Problems('notifications');
  const text = (key: string): string => {
    const value = body[key];
    if (value === undefined) problems.schemaIssue('MISSING_REQUIRED_PARAMETER', [key]);
    else if (typeof value !== 'string') problems.schemaIssue('INVALID_PARAMETER_SYNTAX', [key]);
    return typeof value === 'string' ? value : '';
  };
  const request = {
    authAlgo: text('auth_algo'),
    certUrl: text('cert_url'),
    transmissionId: text('transmission_id'),
    transmissionSig: text('transmission_sig'),
    transmissionTime: text('transmission_time'),
    webhookId: text('webhook_id'),
    webhookEvent: isObject(body.webhook_event) ? body.webhook_event : {},
  };
  if (body.webhook_event === undefined) problems.schemaIssue('MISSING_REQUIRED_PARAMETER', ['webhook_event']);
  else if (!isObject(body.webhook_event)) problems.schemaIssue('INVALID_PARAMETER_SYNTAX', ['webhook_event']);
  problems.throwIfAny();
  return request;
}
