import { type FormEvent, useState } from 'react';
import { setTwoFactor } from '../api/auth';
import { ChangePasswordForm, ContactDetailsForm, DeleteAccountForm } from '../components/account-forms';
import { Screen } from '../components/screen';
import { ErrorNotice, Notice } from '../components/status';
import { useSession, useUser } from '../session';

/** The person's details, password, contact details, two-factor login, logging out and deleting the account. */
export function ProfileScreen() {
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
    <Screen title="Profile">
      <section aria-labelledby="details-heading" className="card section">
        <h2 id="details-heading">Your details</h2>
        <dl className="summary">
          <div>
            <dt>Name</dt>
            <dd>
              {user.first_name} {user.last_name}
            </dd>
          </div>
          <div>
            <dt>User name</dt>
            <dd>{user.user_name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Mobile phone</dt>
            <dd>{user.phone ?? 'None'}</dd>
          </div>
          {user.role === 'admin' ? (
            <div>
              <dt>Role</dt>
              <dd>Administrator (manage MoneyPal through its API)</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="password-heading" className="card section">
        <h2 id="password-heading">Password</h2>
        <ChangePasswordForm />
      </section>

      <section aria-labelledby="contact-heading" className="card section">
        <h2 id="contact-heading">Email and phone</h2>
        <ContactDetailsForm onSaved={updateUser} />
      </section>

      <section aria-labelledby="security-heading" className="card section">
        <h2 id="security-heading">Two-factor login</h2>
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
            <label htmlFor="two-factor">Ask for a one-time code when I log in</label>
            <p className="hint" id="two-factor-hint">
              {user.phone === null
                ? 'The 6-digit code comes by email, as your account has no phone.'
                : 'The 6-digit code comes by text message to your phone.'}
            </p>
          </div>
          {outcome !== null && 'error' in outcome ? <ErrorNotice error={outcome.error} /> : null}
          {outcome !== null && 'saved' in outcome ? (
            <Notice tone="success" live>
              <p>{outcome.saved ? 'Two-factor login is on.' : 'Two-factor login is off.'}</p>
            </Notice>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className="button"
              disabled={saving || twoFactor === user.two_factor_enabled}
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="session-heading" className="card section">
        <h2 id="session-heading">Session</h2>
        <button type="button" className="button button-secondary" onClick={() => void logOut()}>
          Log out
        </button>
      </section>

      <section aria-labelledby="delete-heading" className="card section">
        <h2 id="delete-heading">Delete your account</h2>
        <DeleteAccountForm />
      </section>
    </Screen>
  );
}
