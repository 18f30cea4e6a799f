import { type FormEvent, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { isOtpChallenge, logIn, verifyOtp } from '../api/auth';
import { AuthFrame } from '../components/auth-frame';
import { focusFirstInvalid, TextField } from '../components/fields';
import { ErrorNotice, Notice } from '../components/status';
import { nextPathOf } from '../navigation';
import { useSession } from '../session';

const loginWords = {
  unauthenticated: 'The user name, email or password is not right.',
  validation_failed: 'Enter your user name or email, and your password.',
};

/** Login by user name or email, then the one-time code when the user has two-factor on. */
export function LoginScreen() {
  const { client, state, signIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const arrival = location.state as { registered?: string; passwordReset?: boolean } | null;
  const [login, setLogin] = useState(arrival?.registered ?? '');
  const [password, setPassword] = useState('');
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ login?: string; password?: string; code?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const finish = async (tokens: Parameters<typeof signIn>[0]) => {
    await signIn(tokens);
    navigate(nextPathOf(location.search), { replace: true });
  };

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (login.trim() === '') found.login = 'Enter your user name or email.';
    if (password === '') found.password = 'Enter your password.';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const answer = await logIn(client, login.trim(), password);
      if (isOtpChallenge(answer)) {
        setChallengeId(answer.challenge_id);
        setPassword('');
      } else {
        await finish(answer);
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || challengeId === null) return;
    if (!/^\d{6}$/.test(code.trim())) {
      setErrors({ code: 'Enter the 6 digits of the code.' });
      focusFirstInvalid(form.current);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await finish(await verifyOtp(client, challengeId, code.trim()));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setChallengeId(null);
    setCode('');
    setFailure(null);
    setErrors({});
  };

  if (challengeId !== null) {
    return (
      <AuthFrame title="Enter your code">
        <p>
          We sent a 6-digit code by text message, or by email when your account has no phone. It is valid for
          5 minutes.
        </p>
        <form ref={form} onSubmit={submitCode} noValidate className="form">
          <TextField
            id="code"
            label="One-time code"
            value={code}
            onValueChange={setCode}
            error={errors.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            pattern="[0-9]{6}"
          />
          {failure === null ? null : <ErrorNotice error={failure} />}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Checking…' : 'Log in'}
            </button>
            <button type="button" className="button button-secondary" onClick={startOver}>
              Start again
            </button>
          </div>
        </form>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Log in">
      {arrival?.registered === undefined ? null : (
        <Notice tone="success" live>
          <p>Your account is ready. Log in to start.</p>
        </Notice>
      )}
      {arrival?.passwordReset === true ? (
        <Notice tone="success" live>
          <p>Your password is changed. Log in with the new one.</p>
        </Notice>
      ) : null}
      {state.status === 'signed-out' && state.reason !== 'none' ? (
        <Notice tone="info" live>
          <p>
            {state.reason === 'logged-out'
              ? 'You have logged out.'
              : state.reason === 'deleted'
                ? 'Your account is deleted.'
                : 'Your session has ended. Please log in again.'}
          </p>
        </Notice>
      ) : null}
      <form ref={form} onSubmit={submitPassword} noValidate className="form">
        <TextField
          id="login"
          label="User name or email"
          value={login}
          onValueChange={setLogin}
          error={errors.login}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
        />
        {failure === null ? null : <ErrorNotice error={failure} overrides={loginWords} />}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </div>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New to MoneyPal? <Link to="/register">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
