import { type FormEvent, useState } from 'react';
import { setTwoFactor } from '../api/auth';
import { ChangePasswordForm, ContactDetailsForm, DeleteAccountForm } from '../components/account-forms';
import { LanguageSelect, ThemeChoice } from '../components/preferences';
import { Screen } from '../components/screen';
import { ErrorNotice, Notice } from '../components/status';
import { useTranslation } from '../i18n';
import { useSession, useUser } from '../session';

/**
 * The person's details, how the app looks to them (language, theme), password, contact
 * details, two-factor login, logging out and deleting the account.
 */
export function ProfileScreen() {
  const { t } = useTranslation('profile');
  const { client, updateUser, logOut } = useSession();
  const user = useUser();
  const [twoFactor, setTwoFactorChoice] = useState(user.two_factor_enabled);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ saved: boolean } | { error: unknown } | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome(null);
    try {
      const updated = await setTwoFactor(client, twoFactor);
      updateUser(updated);
      setOutcome({ saved: updated.two_factor_enabled });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Screen title={t('title')}>
      <section aria-labelledby="details-heading" className="card section">
        <h2 id="details-heading">{t('details.heading')}</h2>
        <dl className="summary">
          <div>
            <dt>{t('details.name')}</dt>
            <dd>{t('details.fullName', { firstName: user.first_name, lastName: user.last_name })}</dd>
          </div>
          <div>
            <dt>{t('details.userName')}</dt>
            <dd>{user.user_name}</dd>
          </div>
          <div>
            <dt>{t('details.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('details.phone')}</dt>
            <dd>{user.phone ?? t('details.none')}</dd>
          </div>
          {user.role === 'admin' ? (
            <div>
              <dt>{t('details.role')}</dt>
              <dd>{t('details.administrator')}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="display-heading" className="card section">
        <h2 id="display-heading">{t('display.heading')}</h2>
        <div className="form">
          <LanguageSelect />
          <ThemeChoice />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="card section">
        <h2 id="password-heading">{t('password.heading')}</h2>
        <ChangePasswordForm />
      </section>

      <section aria-labelledby="contact-heading" className="card section">
        <h2 id="contact-heading">{t('contact.heading')}</h2>
        <ContactDetailsForm onSaved={updateUser} />
      </section>

      <section aria-labelledby="security-heading" className="card section">
        <h2 id="security-heading">{t('twoFactor.heading')}</h2>
        <form onSubmit={save} className="form">
          <div className="choice">
            <input
              type="checkbox"
              id="two-factor"
              checked={twoFactor}
              onChange={(event) => {
                setTwoFactorChoice(event.target.checked);
                setOutcome(null);
              }}
              aria-describedby="two-factor-hint"
            />
            <label htmlFor="two-factor">{t('twoFactor.label')}</label>
            <p className="hint" id="two-factor-hint">
              {user.phone === null ? t('twoFactor.byEmail') : t('twoFactor.bySms')}
            </p>
          </div>
          {outcome !== null && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
          {outcome !== null && 'saved' in outcome ? (
            <Notice tone="success" live>
              <p>{outcome.saved ? t('twoFactor.on') : t('twoFactor.off')}</p>
            </Notice>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className="button"
              disabled={saving || twoFactor === user.two_factor_enabled}
            >
              {saving ? t('twoFactor.saving') : t('twoFactor.save')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="session-heading" className="card section">
        <h2 id="session-heading">{t('session.heading')}</h2>
        <button type="button" className="button button-secondary" onClick={() => void logOut()}>
          {t('session.logOut')}
        </button>
      </section>

      <section aria-labelledby="delete-heading" className="card section">
        <h2 id="delete-heading">{t('delete.heading')}</h2>
        <DeleteAccountForm />
      </section>
    </Screen>
  );
}
