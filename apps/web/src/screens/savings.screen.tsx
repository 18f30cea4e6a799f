import { type FormEvent, useId, useRef, useState } from 'react';
import { listSavingsPlans, selectSavingsPlan, withdrawSavings } from '../api/ledger';
import type { SavingsPlan, TransferResult, Wallet } from '../api/types';
import { focusFirstInvalid, SelectField } from '../components/fields';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView, ErrorNotice, Loading, Notice } from '../components/status';
import { WalletCard } from '../components/wallet-card';
import { AmountField } from '../components/wallet-fields';
import { useMoneyMovement } from '../hooks/use-money-movement';
import { type ResourceState, useResource } from '../hooks/use-resource';
import { defaultWalletOf, useWallets } from '../hooks/use-wallets';
import { Trans, useTranslation } from '../i18n';
import { formatMoney, parseAmount, toDecimalString, toWireAmount } from '../money';
import { describePlanValue, previewSavings } from '../savings';
import { useClient } from '../session';

/** Choose or clear a savings plan per wallet, preview what it puts aside, and move savings to main. */
export function SavingsScreen() {
  const { t } = useTranslation(['savings', 'common', 'wallets']);
  const client = useClient();
  const wallets = useWallets();
  const plans = useResource('savings-plans', (signal) =>
    listSavingsPlans(client, signal).then((page) => page.data),
  );
  const [walletId, setWalletId] = useState<string | null>(null);

  return (
    <Screen title={t('title')} lead={t('lead')}>
      <AsyncView state={wallets.state} onRetry={wallets.reload} loadingLabel={t('common:loadingWallets')}>
        {(data) => {
          const wallet = data.find((candidate) => candidate.id === walletId) ?? defaultWalletOf(data);
          if (wallet === undefined) return <Loading label={t('common:walletOpening')} />;
          return (
            <>
              {data.length > 1 ? (
                <SelectField
                  id="savings-wallet"
                  label={t('wallet')}
                  value={wallet.id}
                  onValueChange={setWalletId}
                >
                  {data.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {t('wallets:walletOfType', { currency: candidate.currency, type: candidate.type })}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              <WalletSavings
                key={wallet.id}
                wallet={wallet}
                plans={plans.state}
                onPlansRetry={plans.reload}
                onChanged={wallets.reload}
              />
            </>
          );
        }}
      </AsyncView>
    </Screen>
  );
}

function WalletSavings({
  wallet,
  plans,
  onPlansRetry,
  onChanged,
}: {
  wallet: Wallet;
  plans: ResourceState<SavingsPlan[]>;
  onPlansRetry(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation(['savings', 'common', 'wallets']);
  const [chosenPlanId, setChosenPlanId] = useState<string | null>(wallet.savings_plan_id);
  return (
    <>
      <WalletCard wallet={wallet} headingLevel={2} />
      <AsyncView state={plans} onRetry={onPlansRetry} loadingLabel={t('plans.loading')}>
        {(data) => (
          <>
            <PlanChooser
              wallet={wallet}
              plans={data}
              chosenPlanId={chosenPlanId}
              onChoose={setChosenPlanId}
              onSaved={onChanged}
            />
            <SavingsPreviewSection
              wallet={wallet}
              plan={data.find((plan) => plan.id === chosenPlanId) ?? null}
            />
          </>
        )}
      </AsyncView>
      <MoveSavings wallet={wallet} onMoved={onChanged} />
    </>
  );
}

function PlanChooser({
  wallet,
  plans,
  chosenPlanId,
  onChoose,
  onSaved,
}: {
  wallet: Wallet;
  plans: readonly SavingsPlan[];
  chosenPlanId: string | null;
  onChoose(planId: string | null): void;
  onSaved(): void;
}) {
  const { t } = useTranslation(['savings', 'common', 'wallets']);
  const client = useClient();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: true } | { error: unknown } | null>(null);
  const name = useId();
  const format = (amountMinor: bigint) => formatMoney(amountMinor, wallet.currency);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      await selectSavingsPlan(client, wallet.id, chosenPlanId);
      setOutcome({ saved: true });
      onSaved();
    } catch (error) {
      setOutcome({ error });
    } finally {
      setSaving(false);
    }
  };

  const options: { id: string | null; label: string; detail: string }[] = [
    { id: null, label: t('plans.none'), detail: t('plans.noneDetail') },
    ...plans.map((plan) => ({ id: plan.id, label: plan.name, detail: describePlanValue(plan, format) })),
  ];

  return (
    <section aria-labelledby="plan-heading" className="card section">
      <h2 id="plan-heading">{t('plans.heading')}</h2>
      {plans.length === 0 ? <p className="empty">{t('plans.noneOffered')}</p> : null}
      <form onSubmit={save} className="form">
        <fieldset className="choices">
          <legend>{t('plans.legend', { currency: wallet.currency })}</legend>
          {options.map((option) => {
            const id = `${name}-${option.id ?? 'none'}`;
            return (
              <div className="choice" key={id}>
                <input
                  type="radio"
                  id={id}
                  name={name}
                  checked={chosenPlanId === option.id}
                  onChange={() => {
                    onChoose(option.id);
                    setOutcome(null);
                  }}
                  aria-describedby={`${id}-detail`}
                />
                <label htmlFor={id}>
                  {option.label}
                  {wallet.savings_plan_id === option.id ? (
                    <span className="current"> {t('plans.current')}</span>
                  ) : null}
                </label>
                <p className="hint" id={`${id}-detail`}>
                  {option.detail}
                </p>
              </div>
            );
          })}
        </fieldset>
        {outcome !== null && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
        {outcome !== null && 'saved' in outcome ? (
          <Notice tone="success" live>
            <p>{chosenPlanId === null ? t('plans.cleared') : t('plans.saved')}</p>
          </Notice>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={saving || chosenPlanId === wallet.savings_plan_id}
          >
            {saving ? t('plans.saving') : t('plans.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SavingsPreviewSection({ wallet, plan }: { wallet: Wallet; plan: SavingsPlan | null }) {
  const { t } = useTranslation(['savings', 'common', 'wallets']);
  const [amountText, setAmountText] = useState('');
  const parsed = amountText.trim() === '' ? null : parseAmount(amountText, wallet.currency);
  const preview = parsed?.ok === true ? previewSavings(plan, parsed.amountMinor) : null;
  return (
    <section aria-labelledby="preview-heading" className="card section">
      <h2 id="preview-heading">{t('preview.heading')}</h2>
      <AmountField
        id="preview-amount"
        label={t('preview.amount')}
        currency={wallet.currency}
        value={amountText}
        onValueChange={setAmountText}
        error={parsed !== null && !parsed.ok ? parsed.message : undefined}
      />
      <div aria-live="polite" className="preview">
        {preview === null ? (
          <p className="hint">
            {plan === null ? t('preview.typeAmount') : t('preview.typeAmountForPlan', { plan: plan.name })}
          </p>
        ) : preview.kind === 'refused' ? (
          <p>
            <Trans
              t={t}
              i18nKey="preview.refused"
              components={{ flat: <Money amount={preview.flatMinor} currency={wallet.currency} /> }}
            />
          </p>
        ) : (
          <p>
            <Trans
              t={t}
              i18nKey="preview.split"
              components={{
                savings: <Money amount={preview.savingsMinor} currency={wallet.currency} />,
                main: <Money amount={preview.mainMinor} currency={wallet.currency} />,
              }}
            />
          </p>
        )}
      </div>
    </section>
  );
}

function MoveSavings({ wallet, onMoved }: { wallet: Wallet; onMoved(): void }) {
  const { t } = useTranslation(['savings', 'common', 'wallets']);
  const client = useClient();
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const movement = useMoneyMovement<TransferResult>();
  const form = useRef<HTMLFormElement>(null);
  const { state } = movement;
  const savings = BigInt(wallet.savings);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (state.status === 'failed' && state.retryable) {
      movement.retry();
      return;
    }
    const parsed = parseAmount(amountText, wallet.currency);
    if (!parsed.ok || parsed.amountMinor > savings) {
      setAmountError(parsed.ok ? t('move.moreThanSavings') : parsed.message);
      focusFirstInvalid(form.current);
      return;
    }
    setAmountError(undefined);
    const amount = toWireAmount(parsed.amountMinor);
    movement.confirm(async (idempotencyKey) => {
      const result = await withdrawSavings(client, wallet.id, amount, idempotencyKey);
      setAmountText('');
      onMoved();
      return result;
    });
  };

  return (
    <section aria-labelledby="move-heading" className="card section">
      <h2 id="move-heading">{t('move.heading')}</h2>
      {state.status === 'succeeded' ? (
        <Notice tone="success" live>
          <p>
            <Trans
              t={t}
              i18nKey="move.moved"
              components={{
                main: <Money amount={state.result.balance.main} currency={wallet.currency} />,
                savings: <Money amount={state.result.balance.savings} currency={wallet.currency} />,
              }}
            />
          </p>
        </Notice>
      ) : null}
      {savings <= 0n ? (
        <p className="empty">{t('move.nothing')}</p>
      ) : (
        <form ref={form} onSubmit={submit} noValidate className="form">
          <AmountField
            id="move-amount"
            label={t('move.amount')}
            currency={wallet.currency}
            value={amountText}
            onValueChange={(value) => {
              setAmountText(value);
              setAmountError(undefined);
              movement.reset();
            }}
            error={amountError}
          />
          <p>
            <button
              type="button"
              className="button button-link"
              onClick={() => {
                setAmountText(toDecimalString(savings, wallet.currency));
                setAmountError(undefined);
                movement.reset();
              }}
            >
              <Trans
                t={t}
                i18nKey="move.all"
                components={{ savings: <Money amount={savings} currency={wallet.currency} /> }}
              />
            </button>
          </p>
          {state.status === 'failed' ? (
            <ErrorNotice error={state.error} {...(state.retryable ? { onRetry: movement.retry } : {})} />
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={state.status === 'sending'}>
              {state.status === 'sending' ? t('move.moving') : t('move.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
