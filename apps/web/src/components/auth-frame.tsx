import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router-dom';

/** The frame of the screens before login: the brand, and one narrow column. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · MoneyPal`;
  }, [title]);

  return (
    <>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/login" className="brand">
            MoneyPal
          </Link>
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
