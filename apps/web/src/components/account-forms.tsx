import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { changeProfile, deleteAccount, isOtpChallenge, logIn } from '../api/auth';
import type { User } from '../api/types';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { i18n, useTranslation } from '../i18n';
import { useSession, useUser } from '../session';
import { focusFirstInvalid, TextField } from './fields';
import { ErrorNotice, Notice } from './status';

/** The account forms' own words for the server's refusals, in the language of the moment. */
const fixFields = () => ({
  validation_failed: i18n.t('forms.fixFields', { ns: 'profile' }),
  unauthenticated: i18n.t('forms.wrongPassword', { ns: 'profile' }),
  conflict: i18n.t('forms.taken', { ns: 'profile' }),
});

/**
 * A form of the profile: its own fields, busy state, field errors (the client's and the
 * server's) and outcome. `act` answers the success message, or throws the server's refusal.
 */
function useAccountForm<Field extends string>(fields: readonly Field[]) {
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (found: FieldErrors<Field>, act: () => Promise<string | null>) => {
    if (busy) return;
    setFailure(null);
    setDone(null);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      setDone(await act());
    } catch (error) {
      setErrors(serverFieldErrors(error, fields).fields);
      setFailure(error);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };

  const clear = (field: Field) => {
    setErrors((current) => ({ ...current, [field]: undefined }));
    setDone(null);
  };

  const outcome: ReactNode = (
    <>
      {failure === null ? null : <ErrorNotice error={failure} overrides={fixFields()} />}
      {done === null ? null : (
        <Notice tone="success" live>
          <p>{done}</p>
        </Notice>
      )}
    </>
  );
  return { form, errors, busy, submit, clear, outcome };
}

/** A new password with the current one; the server ends every session, so this one logs in again. */
export function ChangePasswordForm() {
  const { t } = useTranslation('profile');
  const { client, signIn } = useSession();
  const user = useUser();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { form, errors, busy, submit, clear, outcome } = useAccountForm([
    'current_password',
    'password',
  ] as const);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<'current_password' | 'password'> = {};
    if (current === '') found.current_password = t('forms.currentPasswordMissing');
    if (next.length < 10) found.password = t('forms.passwordTooShort', { count: 10 });
    void submit(found, async () => {
      await changeProfile(client, { password: next, current_password: current });
      const answer = await logIn(client, user.user_name, next);
      if (!isOtpChallenge(answer)) await signIn(answer);
      setCurrent('');
      setNext('');
      return t('forms.passwordChanged');
    });
  };

  return (
    <form ref={form} onSubmit={save} noValidate className="form">
      <TextField
        id="current_password"
        label={t('forms.currentPassword')}
        type="password"
        value={current}
        onValueChange={(value) => {
          setCurrent(value);
          clear('current_password');
        }}
        error={errors.current_password}
        autoComplete="current-password"
      />
      <TextField
        id="password"
        label={t('forms.newPassword')}
        type="password"
        value={next}
        onValueChange={(value) => {
          setNext(value);
          clear('password');
        }}
        error={errors.password}
        hint={t('forms.passwordHint', { count: 10 })}
        autoComplete="new-password"
      />
      {outcome}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('forms.changing') : t('forms.changePassword')}
        </button>
      </div>
    </form>
  );
}

/** The email and phone, changed with the current password. */
export function ContactDetailsForm({ onSaved }: { onSaved(user: User): void }) {
  const { t } = useTranslation('profile');
  const { client } = useSession();
  const user = useUser();
  const [email, setEmail] = useState(user.email);
  const [phone, setPhone] = useState(user.phone ?? '');
  const [current, setCurrent] = useState('');
  const { form, errors, busy, submit, clear, outcome } = useAccountForm([
    'email',
    'phone',
    'current_password',
  ] as const);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<'email' | 'phone' | 'current_password'> = {};
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) found.email = t('forms.emailMissing');
    if (phone.trim() !== '' && !/^\+[1-9]\d{6,14}$/.test(phone.trim())) {
      found.phone = t('forms.phoneInvalid');
    }
    if (current === '') found.current_password = t('forms.currentPasswordMissing');
    const newEmail = email.trim() === user.email ? undefined : email.trim();
    const phoneValue = phone.trim() === '' ? null : phone.trim();
    const newPhone = phoneValue === user.phone ? undefined : phoneValue;
    if (!hasErrors(found) && newEmail === undefined && newPhone === undefined) {
      found.email = t('forms.nothingChanged');
    }
    void submit(found, async () => {
      const updated = await changeProfile(client, {
        ...(newEmail === undefined ? {} : { email: newEmail }),
        ...(newPhone === undefined ? {} : { phone: newPhone }),
        current_password: current,
      });
      onSaved(updated);
      setCurrent('');
      return t('forms.contactSaved');
    });
  };

  return (
    <form ref={form} onSubmit={save} noValidate className="form">
      <TextField
        id="contact-email"
        label={t('forms.email')}
        type="email"
        value={email}
        onValueChange={(value) => {
          setEmail(value);
          clear('email');
        }}
        error={errors.email}
        autoComplete="email"
        spellCheck={false}
      />
      <TextField
        id="contact-phone"
        label={t('forms.phone')}
        type="tel"
        optional
        value={phone}
        onValueChange={(value) => {
          setPhone(value);
          clear('phone');
        }}
        error={errors.phone}
        hint={t('forms.phoneHint')}
        autoComplete="tel"
      />
      <TextField
        id="contact-current-password"
        label={t('forms.currentPassword')}
        type="password"
        value={current}
        onValueChange={(value) => {
          setCurrent(value);
          clear('current_password');
        }}
        error={errors.current_password}
        autoComplete="current-password"
      />
      {outcome}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('forms.updating') : t('forms.updateContact')}
        </button>
      </div>
    </form>
  );
}

/** Deleting the account: what happens is said first, and the password confirms it. */
export function DeleteAccountForm() {
  const { t } = useTranslation('profile');
  const { client, accountDeleted } = useSession();
  const [password, setPassword] = useState('');
  const { form, errors, busy, submit, clear, outcome } = useAccountForm(['password'] as const);

  const remove = (event: FormEvent) => {
    event.preventDefault();
    void submit(password === '' ? { password: t('forms.deletePasswordMissing') } : {}, async () => {
      await deleteAccount(client, password);
      accountDeleted();
      return null;
    });
  };

  return (
    <form ref={form} onSubmit={remove} noValidate className="form">
      <Notice tone="warning">
        <p>{t('forms.deleteWarning')}</p>
        <ul>
          <li>{t('forms.deleteLoggedOut')}</li>
          <li>{t('forms.deleteEmptyClosed')}</li>
          <li>{t('forms.deleteFrozen')}</li>
          <li>{t('forms.deleteNamesFree')}</li>
        </ul>
      </Notice>
      <TextField
        id="delete-password"
        label={t('forms.password')}
        type="password"
        value={password}
        onValueChange={(value) => {
          setPassword(value);
          clear('password');
        }}
        error={errors.password}
        autoComplete="current-password"
      />
      {outcome}
      <div className="actions">
        <button type="submit" className="button button-danger" disabled={busy}>
          {busy ? t('forms.deleting') : t('forms.deleteAccount')}
        </button>
      </div>
    </form>
  );
}
