import { type FormEvent, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getReportSummary, listInvoices } from '../api/billing';
import type { Invoice, ReportSummary } from '../api/types';
import { BarChart } from '../components/bar-chart';
import { SelectField, TextField } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView, Badge, ErrorNotice, Loading } from '../components/status';
import { addDays, formatDateTime, formatDay, formatShortDay, isDay, today } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { useResource } from '../hooks/use-resource';
import { formatMoney } from '../money';
import { useClient, useUser } from '../session';

type CurrencyReport = ReportSummary['currencies'][number];
type SeriesName = 'payments_made' | 'payments_received' | 'deposits' | 'transfers_in' | 'transfers_out';

const seriesNames: Readonly<Record<SeriesName, string>> = {
  payments_made: 'Payments made',
  payments_received: 'Payments received',
  deposits: 'Money added',
  transfers_in: 'Money received',
  transfers_out: 'Money sent',
};

/** The longest range the server reports on, in days. */
const maxRangeDays = 366;

export function defaultRange(now: Date = new Date()): { from: string; to: string } {
  const to = today(now);
  return { from: addDays(to, -29), to };
}

/** Totals and daily charts over a period, and the invoices the person paid or was paid. */
export function ReportsScreen() {
  const client = useClient();
  const [search, setSearch] = useSearchParams();
  const fallback = defaultRange();
  const fromParameter = search.get('from') ?? '';
  const toParameter = search.get('to') ?? '';
  const from = isDay(fromParameter) ? fromParameter : fallback.from;
  const to = isDay(toParameter) ? toParameter : fallback.to;
  const summary = useResource(`report:${from}:${to}`, (signal) => getReportSummary(client, from, to, signal));

  return (
    <Screen title="Reports">
      <RangeForm key={`${from}:${to}`} from={from} to={to} onApply={(range) => setSearch(range)} />
      <AsyncView state={summary.state} onRetry={summary.reload} loadingLabel="Loading your report…">
        {(report) =>
          report.currencies.length === 0 ? (
            <p className="empty">
              No money moved from {formatDay(report.from)} to {formatDay(report.to)}.
            </p>
          ) : (
            report.currencies.map((section) => <CurrencySection key={section.currency} section={section} />)
          )
        }
      </AsyncView>
      <InvoicesSection />
    </Screen>
  );
}

function RangeForm({
  from,
  to,
  onApply,
}: {
  from: string;
  to: string;
  onApply(range: { from: string; to: string }): void;
}) {
  const [range, setRange] = useState({ from, to });
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { from?: string; to?: string } = {};
    if (!isDay(range.from)) found.from = 'Choose the first day.';
    if (!isDay(range.to)) found.to = 'Choose the last day.';
    if (found.from === undefined && found.to === undefined) {
      if (range.from > range.to) found.from = 'The first day must not be after the last day.';
      else if (addDays(range.from, maxRangeDays - 1) < range.to)
        found.to = `Choose at most ${maxRangeDays} days.`;
    }
    setErrors(found);
    if (found.from === undefined && found.to === undefined) onApply(range);
  };

  return (
    <form onSubmit={submit} noValidate className="card filters" aria-label="Report period">
      <div className="filter-grid">
        <TextField
          id="report-from"
          label="From"
          type="date"
          value={range.from}
          onValueChange={(value) => setRange((current) => ({ ...current, from: value }))}
          error={errors.from}
        />
        <TextField
          id="report-to"
          label="To"
          type="date"
          value={range.to}
          onValueChange={(value) => setRange((current) => ({ ...current, to: value }))}
          error={errors.to}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          Show report
        </button>
      </div>
    </form>
  );
}

function CurrencySection({ section }: { section: CurrencyReport }) {
  const [series, setSeries] = useState<SeriesName>('payments_made');
  const name = useId();
  const { totals, currency } = section;
  const format = (valueMinor: bigint) => formatMoney(valueMinor, currency);
  const rows: { label: string; total: { count: number; amount: number } }[] = [
    { label: 'Payments made', total: totals.payments_made },
    { label: 'Payments received', total: totals.payments_received },
    { label: 'Money added', total: totals.deposits },
    { label: 'Money received', total: totals.transfers_in },
    { label: 'Money sent', total: totals.transfers_out },
    { label: 'Invoices paid', total: totals.invoices_paid },
    { label: 'Invoices received', total: totals.invoices_received },
  ];

  return (
    <section aria-labelledby={`${name}-heading`} className="card section">
      <h2 id={`${name}-heading`}>In {currency}</h2>
      <dl className="totals">
        {rows.map((row) => (
          <div key={row.label} className="total">
            <dt>{row.label}</dt>
            <dd>
              <Money amount={row.total.amount} currency={currency} />
              <span className="total-count">
                {row.total.count} {row.total.count === 1 ? 'time' : 'times'}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <fieldset className="choices choices-inline">
        <legend>Chart</legend>
        {(Object.keys(seriesNames) as SeriesName[]).map((option) => (
          <div className="choice" key={option}>
            <input
              type="radio"
              id={`${name}-${option}`}
              name={`${name}-series`}
              checked={series === option}
              onChange={() => setSeries(option)}
            />
            <label htmlFor={`${name}-${option}`}>{seriesNames[option]}</label>
          </div>
        ))}
      </fieldset>
      <BarChart
        title={`${seriesNames[series]} per day, ${currency}`}
        formatValue={format}
        points={section.daily.map((day) => ({
          label: formatDay(day.date),
          shortLabel: formatShortDay(day.date),
          valueMinor: BigInt(day[series].amount),
        }))}
      />
    </section>
  );
}

function InvoicesSection() {
  const client = useClient();
  const user = useUser();
  const [role, setRole] = useState<'' | 'payer' | 'payee'>('');
  const { list, loadMore } = usePagedList(`invoices:${role}`, (cursor, signal) =>
    listInvoices(
      client,
      { limit: 20, ...(role === '' ? {} : { role }), ...(cursor === undefined ? {} : { cursor }) },
      signal,
    ),
  );

  return (
    <section aria-labelledby="invoices-heading" className="section">
      <h2 id="invoices-heading">Invoices</h2>
      {user.role === 'admin' ? (
        <p className="hint">As an administrator, you see every user’s invoices here.</p>
      ) : null}
      <SelectField
        id="invoice-role"
        label="Show"
        value={role}
        onValueChange={(value) => setRole(value === 'payer' || value === 'payee' ? value : '')}
      >
        <option value="">All invoices</option>
        <option value="payer">Invoices you paid</option>
        <option value="payee">Invoices paid to you</option>
      </SelectField>
      {list.status === 'loading' ? <Loading label="Loading your invoices…" /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">No invoices yet.</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((invoice) => (
            <InvoiceItem key={invoice.id} invoice={invoice} userId={user.id} />
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="invoices" />
    </section>
  );
}

export const invoiceStatusTones = {
  pending: 'warning',
  paid: 'success',
  failed: 'error',
  partially_refunded: 'neutral',
  refunded: 'neutral',
  held: 'warning',
  cancelled: 'neutral',
} as const;
export const invoiceStatusNames = {
  pending: 'Pending',
  paid: 'Paid',
  failed: 'Failed',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  held: 'Held in escrow',
  cancelled: 'Cancelled',
} as const;

function InvoiceItem({ invoice, userId }: { invoice: Invoice; userId: string }) {
  const paidByMe = invoice.payer_id === userId;
  return (
    <li>
      <Link to={`/invoices/${invoice.id}`} className="item-link">
        <span className="item-main">
          <span className="item-title">Invoice no. {invoice.invoice_no}</span>
          <span className="item-detail">
            {paidByMe ? 'Paid by you' : 'Paid to you'} ·{' '}
            <time dateTime={invoice.issued_at}>{formatDateTime(invoice.issued_at)}</time>
          </span>
          {invoice.description === null ? null : <span className="item-detail">{invoice.description}</span>}
          <span className="badges">
            <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusNames[invoice.status]}</Badge>
          </span>
        </span>
        <span className={`item-amount amount-${paidByMe ? 'out' : 'in'}`}>
          <Money amount={paidByMe ? -invoice.amount : invoice.amount} currency={invoice.currency} signed />
        </span>
      </Link>
    </li>
  );
}
