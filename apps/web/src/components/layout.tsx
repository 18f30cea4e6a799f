import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { useSession, useUser } from '../session';
import { RequestsLinkLabel } from './pending-requests-notice';

const links = [
  { to: '/', label: 'Home' },
  { to: '/fund', label: 'Add money' },
  { to: '/pay', label: 'Pay' },
  { to: '/transfer', label: 'Send' },
  { to: '/requests', label: <RequestsLinkLabel /> },
  { to: '/cash-out', label: 'Cash out' },
  { to: '/holds', label: 'Held payments' },
  { to: '/savings', label: 'Savings' },
  { to: '/history', label: 'History' },
  { to: '/invoices', label: 'Invoices' },
  { to: '/reports', label: 'Reports' },
  { to: '/notifications', label: 'Messages' },
  { to: '/profile', label: 'Profile' },
] as const;

/** The four places people go most, as tabs at the bottom of a phone's screen. */
const tabs = [
  { to: '/', label: 'Home' },
  { to: '/transfer', label: 'Send' },
  { to: '/history', label: 'Activity' },
  { to: '/profile', label: 'Profile' },
] as const;

/**
 * The frame of every signed-in screen: skip link, header with the main navigation (a menu on
 * smaller screens, which Escape closes), main, footer, and on phones a tab bar.
 */
export function AppLayout() {
  const { logOut } = useSession();
  const user = useUser();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            MoneyPal
          </Link>
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        </div>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'main-nav open' : 'main-nav'}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'} onClick={() => setMenuOpen(false)}>
                  {link.label}
                </NavLink>
              </li>
            ))}
            <li>
              <button type="button" className="nav-button" onClick={() => void logOut()}>
                Log out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>
          Logged in as <strong>{user.user_name}</strong>
          {user.role === 'admin' ? ' (administrator)' : ''}. Amounts are shown in each wallet’s currency.
        </p>
      </footer>
      <nav aria-label="Tabs" className="tab-bar">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.to === '/'} onClick={() => setMenuOpen(false)}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
