import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isOtpChallenge, logIn, register } from '../api/auth';
import { AuthFrame } from '../components/auth-frame';
import { focusFirstInvalid, TextField } from '../components/fields';
import { ErrorNotice } from '../components/status';
import {
  type FieldErrors,
  hasErrors,
  type RegistrationField,
  type RegistrationValues,
  registrationBodyOf,
  registrationFields,
  serverFieldErrors,
  validateRegistration,
} from '../forms';
import { useTranslation } from '../i18n';
import { useSession } from '../session';

const emptyRegistration: RegistrationValues = {
  first_name: '',
  last_name: '',
  user_name: '',
  email: '',
  password: '',
  phone: '',
};

/**
 * Registration, which signs the person in; the server's field errors (a taken user name, say)
 * show next to their fields.
 */
export function RegisterScreen() {
  const { t } = useTranslation('register');
  const { client, signIn } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState(emptyRegistration);
  const [errors, setErrors] = useState<FieldErrors<RegistrationField>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [otherProblems, setOtherProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const change = (field: RegistrationField) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = validateRegistration(values);
    setErrors(found);
    setFailure(null);
    setOtherProblems([]);
    if (hasErrors(found)) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const body = registrationBodyOf(values);
      const user = await register(client, body);
      const answer = await logIn(client, user.user_name, body.password).catch(() => null);
      // Should the login fail (the network, say), the account exists: the login screen takes over.
      if (answer === null || isOtpChallenge(answer)) {
        navigate('/login', { state: { registered: user.user_name } });
        return;
      }
      await signIn(answer);
      navigate('/', { replace: true });
    } catch (error) {
      const placed = serverFieldErrors(error, registrationFields);
      setErrors(placed.fields);
      setOtherProblems(placed.others);
      setFailure(error);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: RegistrationField) => ({
    id: name,
    value: values[name],
    onValueChange: change(name),
    error: errors[name],
  });

  return (
    <AuthFrame title={t('title')}>
      <form ref={form} onSubmit={submit} noValidate className="form">
        <div className="field-row">
          <TextField {...field('first_name')} label={t('firstName')} autoComplete="given-name" />
          <TextField {...field('last_name')} label={t('lastName')} autoComplete="family-name" />
        </div>
        <TextField
          {...field('user_name')}
          label={t('userName')}
          hint={t('userNameHint', { min: 3, max: 32 })}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          {...field('email')}
          label={t('email')}
          type="email"
          autoComplete="email"
          spellCheck={false}
        />
        <TextField
          {...field('password')}
          label={t('password')}
          type="password"
          hint={t('passwordHint', { count: 10 })}
          autoComplete="new-password"
        />
        <TextField
          {...field('phone')}
          label={t('phone')}
          type="tel"
          optional
          hint={t('phoneHint')}
          autoComplete="tel"
        />
        {failure === null ? null : (
          <ErrorNotice
            error={failure}
            overrides={
              hasErrors(errors)
                ? {
                    validation_failed: t('fixFields'),
                    conflict: t('taken'),
                  }
                : {}
            }
          >
            {otherProblems.length === 0 ? null : (
              <ul>
                {otherProblems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </ErrorNotice>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('creating') : t('create')}
          </button>
        </div>
      </form>
      <p>
        {t('haveAccount')} <Link to="/login">{t('logIn')}</Link>
      </p>
    </AuthFrame>
  );
}
