import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { requestPasswordReset, resetPassword } from '../api/auth';
import { AuthFrame } from '../components/auth-frame';
import { focusFirstInvalid, TextField } from '../components/fields';
import { ErrorNotice, Notice } from '../components/status';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { useTranslation } from '../i18n';
import { useSession } from '../session';

type ResetField = 'email' | 'code' | 'password';
const resetFields: readonly ResetField[] = ['email', 'code', 'password'];

/**
 * "Forgot password": the email first, then the emailed code with a new password. The first
 * step says the same thing whether the email has an account or not.
 */
export function ForgotPasswordScreen() {
  const { t } = useTranslation('forgotPassword');
  const { client } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<ResetField>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const refuse = (found: FieldErrors<ResetField>) => {
    setErrors(found);
    focusFirstInvalid(form.current);
  };

  const sendCode = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      refuse({ email: t('emailMissing') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await requestPasswordReset(client, email.trim());
      setCodeSent(true);
    } catch (error) {
      const placed = serverFieldErrors(error, resetFields);
      setErrors(placed.fields);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: FieldErrors<ResetField> = {};
    if (!/^\d{6}$/.test(code.trim())) found.code = t('codeInvalid');
    if (password.length < 10) found.password = t('passwordTooShort', { count: 10 });
    if (hasErrors(found)) {
      refuse(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await resetPassword(client, email.trim(), code.trim(), password);
      navigate('/login', { replace: true, state: { passwordReset: true } });
    } catch (error) {
      const placed = serverFieldErrors(error, resetFields);
      setErrors(placed.fields);
      setFailure(error);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };

  if (!codeSent) {
    return (
      <AuthFrame title={t('request.title')}>
        <p>{t('request.lead')}</p>
        <form ref={form} onSubmit={sendCode} noValidate className="form">
          <TextField
            id="email"
            label={t('request.email')}
            type="email"
            value={email}
            onValueChange={setEmail}
            error={errors.email}
            autoComplete="email"
            spellCheck={false}
          />
          {failure === null ? null : <ErrorNotice error={failure} />}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('request.sending') : t('request.send')}
            </button>
          </div>
        </form>
        <p>
          {t('request.remembered')} <Link to="/login">{t('request.logIn')}</Link>
        </p>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t('reset.title')}>
      <Notice tone="info" live>
        <p>{t('reset.codeSent', { email: email.trim() })}</p>
      </Notice>
      <form ref={form} onSubmit={reset} noValidate className="form">
        <TextField
          id="code"
          label={t('reset.code')}
          value={code}
          onValueChange={setCode}
          error={errors.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          pattern="[0-9]{6}"
        />
        <TextField
          id="password"
          label={t('reset.password')}
          type="password"
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          hint={t('reset.passwordHint', { count: 10 })}
          autoComplete="new-password"
        />
        {failure === null ? null : (
          <ErrorNotice error={failure} overrides={{ validation_failed: t('reset.fixFields') }} />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('reset.saving') : t('reset.save')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setCodeSent(false);
              setCode('');
              setFailure(null);
              setErrors({});
            }}
          >
            {t('reset.sendAnother')}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
