import { type FormEvent, useState } from 'react';
import type { DownloadedFile } from '../api/client';
import { describeError } from '../api/errors';
import { downloadStatement } from '../api/ledger';
import { type DownloadState, useDownload } from '../hooks/use-download';
import { useTranslation } from '../i18n';
import { useClient } from '../session';
import { SelectField, TextField } from './fields';

/** This month, `2026-11`, in the person's own calendar. */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Where a download stands, said politely; a failure is said at once. */
function DownloadStatus({ state, kind }: { state: DownloadState; kind: 'statement' | 'receipt' }) {
  const { t } = useTranslation('statements');
  if (state.status === 'failed') {
    return (
      <p className="notice notice-error" role="alert">
        {t(`${kind}.failed`, { detail: describeError(state.error) })}
      </p>
    );
  }
  return (
    <p role="status" className="hint">
      {state.status === 'busy' ? t(`${kind}.preparing`) : null}
      {state.status === 'saved' ? t(`${kind}.saved`, { filename: state.filename }) : null}
    </p>
  );
}

/** "Download statement": a month and a format, then the file, fetched with the session's token. */
export function StatementDownload({ walletId }: { walletId: string }) {
  const { t } = useTranslation('statements');
  const client = useClient();
  const download = useDownload();
  const [month, setMonth] = useState(currentMonth);
  const [format, setFormat] = useState<'pdf' | 'csv'>('pdf');
  const [monthError, setMonthError] = useState<string>();
  const example = currentMonth();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!monthPattern.test(month)) {
      setMonthError(t('statement.monthInvalid', { example }));
      return;
    }
    download.start(() => downloadStatement(client, walletId, month, format));
  };

  return (
    <section className="card statement-download" aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('statement.heading')}</h2>
      <p className="hint">{t('statement.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className="filter-grid">
          <TextField
            id="statement-month"
            label={t('statement.month')}
            type="month"
            hint={t('statement.monthHint', { example })}
            value={month}
            onValueChange={(value) => {
              setMonth(value);
              setMonthError(undefined);
            }}
            error={monthError}
          />
          <SelectField
            id="statement-format"
            label={t('statement.format')}
            value={format}
            onValueChange={(value) => setFormat(value === 'csv' ? 'csv' : 'pdf')}
          >
            <option value="pdf">{t('statement.formats.pdf')}</option>
            <option value="csv">{t('statement.formats.csv')}</option>
          </SelectField>
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={download.state.status === 'busy'}>
            {t('statement.download')}
          </button>
        </div>
      </form>
      <DownloadStatus state={download.state} kind="statement" />
    </section>
  );
}

/** "Download receipt" for a transaction or an invoice: a PDF fetched with the session's token. */
export function ReceiptDownload({ fetchReceipt }: { fetchReceipt: () => Promise<DownloadedFile> }) {
  const { t } = useTranslation('statements');
  const download = useDownload();
  return (
    <div className="receipt-download">
      <button
        type="button"
        className="button button-secondary"
        disabled={download.state.status === 'busy'}
        onClick={() => download.start(fetchReceipt)}
      >
        {t('receipt.download')}
      </button>
      <DownloadStatus state={download.state} kind="receipt" />
    </div>
  );
}
