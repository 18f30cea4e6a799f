import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { requestPasswordReset, resetPassword } from '../api/auth';
import { AuthFrame } from '../components/auth-frame';
import { focusFirstInvalid, TextField } from '../components/fields';
import { ErrorNotice, Notice } from '../components/status';
import { type FieldErrors, hasErrors, serverFieldErrors } from '../forms';
import { useSession } from '../session';

type ResetField = 'email' | 'code' | 'password';
const resetFields: readonly ResetField[] = ['email', 'code', 'password'];

const resetWords = {
  validation_failed: 'Some details need fixing: see the messages next to the fields.',
};

/**
 * "Forgot password": the email first, then the emailed code with a new password. The first
 * step says the same thing whether the email has an account or not.
 */
export function ForgotPasswordScreen() {
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
      refuse({ email: 'Enter the email address of your account.' });
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
    if (!/^\d{6}$/.test(code.trim())) found.code = 'Enter the 6 digits of the code.';
    if (password.length < 10) found.password = 'Use at least 10 characters.';
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
      <AuthFrame title="Reset your password">
        <p>Enter the email address of your account. We will email you a code to set a new password.</p>
        <form ref={form} onSubmit={sendCode} noValidate className="form">
          <TextField
            id="email"
            label="Email"
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
              {busy ? 'Sending…' : 'Email me a code'}
            </button>
          </div>
        </form>
        <p>
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Set a new password">
      <Notice tone="info" live>
        <p>
          If an account uses {email.trim()}, we have emailed it a 6-digit code. It is valid for 15 minutes and
          works once.
        </p>
      </Notice>
      <form ref={form} onSubmit={reset} noValidate className="form">
        <TextField
          id="code"
          label="Code from the email"
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
          label="New password"
          type="password"
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          hint="At least 10 characters. Every device signed in to your account will be logged out."
          autoComplete="new-password"
        />
        {failure === null ? null : <ErrorNotice error={failure} overrides={resetWords} />}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Set new password'}
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
            Send another code
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
