import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getReportSummary } from '../api/billing';
import type { ReportSummary } from '../api/types';
import { BarChart } from '../components/bar-chart';
import { TextField } from '../components/fields';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView } from '../components/status';
import { addDays, formatDay, formatShortDay, isDay, today } from '../dates';
import { useResource } from '../hooks/use-resource';
import { useTranslation } from '../i18n';
import { formatMoney } from '../money';
import { useClient } from '../session';
import { InvoiceList } from './invoices.screen';

type CurrencyReport = ReportSummary['currencies'][number];
type SeriesName = 'payments_made' | 'payments_received' | 'deposits' | 'transfers_in' | 'transfers_out';

const seriesNames: readonly SeriesName[] = [
  'payments_made',
  'payments_received',
  'deposits',
  'transfers_in',
  'transfers_out',
];

/** The longest range the server reports on, in days. */
const maxRangeDays = 366;

export function defaultRange(now: Date = new Date()): { from: string; to: string } {
  const to = today(now);
  return { from: addDays(to, -29), to };
}

/** Totals and daily charts over a period, and the invoices the person paid or was paid. */
export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const client = useClient();
  const [search, setSearch] = useSearchParams();
  const fallback = defaultRange();
  const fromParameter = search.get('from') ?? '';
  const toParameter = search.get('to') ?? '';
  const from = isDay(fromParameter) ? fromParameter : fallback.from;
  const to = isDay(toParameter) ? toParameter : fallback.to;
  const summary = useResource(`report:${from}:${to}`, (signal) => getReportSummary(client, from, to, signal));

  return (
    <Screen title={t('title')}>
      <RangeForm key={`${from}:${to}`} from={from} to={to} onApply={(range) => setSearch(range)} />
      <AsyncView state={summary.state} onRetry={summary.reload} loadingLabel={t('loading')}>
        {(report) =>
          report.currencies.length === 0 ? (
            <p className="empty">
              {t('nothingMoved', { from: formatDay(report.from), to: formatDay(report.to) })}
            </p>
          ) : (
            report.currencies.map((section) => <CurrencySection key={section.currency} section={section} />)
          )
        }
      </AsyncView>
      <section aria-labelledby="invoices-heading" className="section">
        <h2 id="invoices-heading">{t('invoices')}</h2>
        <InvoiceList />
      </section>
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
  const { t } = useTranslation('reports');
  const [range, setRange] = useState({ from, to });
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { from?: string; to?: string } = {};
    if (!isDay(range.from)) found.from = t('range.firstMissing');
    if (!isDay(range.to)) found.to = t('range.lastMissing');
    if (found.from === undefined && found.to === undefined) {
      if (range.from > range.to) found.from = t('range.backwards');
      else if (addDays(range.from, maxRangeDays - 1) < range.to)
        found.to = t('range.tooLong', { count: maxRangeDays });
    }
    setErrors(found);
    if (found.from === undefined && found.to === undefined) onApply(range);
  };

  return (
    <form onSubmit={submit} noValidate className="card filters" aria-label={t('range.label')}>
      <div className="filter-grid">
        <TextField
          id="report-from"
          label={t('range.from')}
          type="date"
          value={range.from}
          onValueChange={(value) => setRange((current) => ({ ...current, from: value }))}
          error={errors.from}
        />
        <TextField
          id="report-to"
          label={t('range.to')}
          type="date"
          value={range.to}
          onValueChange={(value) => setRange((current) => ({ ...current, to: value }))}
          error={errors.to}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('range.show')}
        </button>
      </div>
    </form>
  );
}

function CurrencySection({ section }: { section: CurrencyReport }) {
  const { t } = useTranslation('reports');
  const [series, setSeries] = useState<SeriesName>('payments_made');
  const name = useId();
  const { totals, currency } = section;
  const format = (valueMinor: bigint) => formatMoney(valueMinor, currency);
  const rows: { label: string; total: { count: number; amount: number } }[] = [
    { label: t('series.payments_made'), total: totals.payments_made },
    { label: t('series.payments_received'), total: totals.payments_received },
    { label: t('series.deposits'), total: totals.deposits },
    { label: t('series.transfers_in'), total: totals.transfers_in },
    { label: t('series.transfers_out'), total: totals.transfers_out },
    { label: t('invoicesPaid'), total: totals.invoices_paid },
    { label: t('invoicesReceived'), total: totals.invoices_received },
  ];

  return (
    <section aria-labelledby={`${name}-heading`} className="card section">
      <h2 id={`${name}-heading`}>{t('inCurrency', { currency })}</h2>
      <dl className="totals">
        {rows.map((row) => (
          <div key={row.label} className="total">
            <dt>{row.label}</dt>
            <dd>
              <Money amount={row.total.amount} currency={currency} />
              <span className="total-count">{t('times', { count: row.total.count })}</span>
            </dd>
          </div>
        ))}
      </dl>
      <fieldset className="choices choices-inline">
        <legend>{t('chart')}</legend>
        {seriesNames.map((option) => (
          <div className="choice" key={option}>
            <input
              type="radio"
              id={`${name}-${option}`}
              name={`${name}-series`}
              checked={series === option}
              onChange={() => setSeries(option)}
            />
            <label htmlFor={`${name}-${option}`}>{t(`series.${option}`)}</label>
          </div>
        ))}
      </fieldset>
      <BarChart
        title={t('chartTitle', { series: t(`series.${series}`), currency })}
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
