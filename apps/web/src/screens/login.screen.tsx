import { type FormEvent, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { isOtpChallenge, logIn, verifyOtp } from '../api/auth';
import { AuthFrame } from '../components/auth-frame';
import { focusFirstInvalid, TextField } from '../components/fields';
import { ErrorNotice, Notice } from '../components/status';
import { useTranslation } from '../i18n';
import { nextPathOf } from '../navigation';
import { useSession } from '../session';

/** Login by user name or email, then the one-time code when the user has two-factor on. */
export function LoginScreen() {
  const { t } = useTranslation('login');
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
    if (login.trim() === '') found.login = t('loginMissing');
    if (password === '') found.password = t('passwordMissing');
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
      setErrors({ code: t('code.invalid') });
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
      <AuthFrame title={t('code.title')}>
        <p>{t('code.lead')}</p>
        <form ref={form} onSubmit={submitCode} noValidate className="form">
          <TextField
            id="code"
            label={t('code.label')}
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
              {busy ? t('code.checking') : t('logIn')}
            </button>
            <button type="button" className="button button-secondary" onClick={startOver}>
              {t('code.startAgain')}
            </button>
          </div>
        </form>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t('title')}>
      {arrival?.registered === undefined ? null : (
        <Notice tone="success" live>
          <p>{t('registered')}</p>
        </Notice>
      )}
      {arrival?.passwordReset === true ? (
        <Notice tone="success" live>
          <p>{t('passwordReset')}</p>
        </Notice>
      ) : null}
      {state.status === 'signed-out' && state.reason !== 'none' ? (
        <Notice tone="info" live>
          <p>
            {state.reason === 'logged-out'
              ? t('loggedOut')
              : state.reason === 'deleted'
                ? t('deleted')
                : t('sessionEnded')}
          </p>
        </Notice>
      ) : null}
      <form ref={form} onSubmit={submitPassword} noValidate className="form">
        <TextField
          id="login"
          label={t('login')}
          value={login}
          onValueChange={setLogin}
          error={errors.login}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField
          id="password"
          label={t('password')}
          type="password"
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
        />
        {failure === null ? null : (
          <ErrorNotice
            error={failure}
            overrides={{ unauthenticated: t('wrongCredentials'), validation_failed: t('incomplete') }}
          />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('loggingIn') : t('logIn')}
          </button>
        </div>
      </form>
      <p>
        <Link to="/forgot-password">{t('forgotPassword')}</Link>
      </p>
      <p>
        {t('newHere')} <Link to="/register">{t('createAccount')}</Link>
      </p>
    </AuthFrame>
  );
}
