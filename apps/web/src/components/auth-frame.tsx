import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from '../i18n';
import { LanguageSelect } from './preferences';

/** The frame of the screens before login: the brand, and one narrow column. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('pageTitle', { title });
  }, [title, t]);

  return (
    <>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/login" className="brand">
            {t('appName')}
          </Link>
          <LanguageSelect compact />
        </div>
      </header>
      <main id="main" className="auth-main">
        <div className="card auth-card">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </>
  );
}
