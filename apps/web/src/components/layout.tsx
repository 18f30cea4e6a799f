import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { UnreadCountProvider } from '../hooks/use-unread-count';
import { Trans, useTranslation } from '../i18n';
import { useSession, useUser } from '../session';
import { NotificationBell } from './notification-bell';
import { ReceiveNavItem } from './receive-nav-item';

const links = [
  { to: '/', label: 'home' },
  { to: '/fund', label: 'fund' },
  { to: '/pay', label: 'pay' },
  { to: '/transfer', label: 'send' },
  { to: '/requests', label: 'requests' },
  { to: '/cash-out', label: 'cashOut' },
  { to: '/holds', label: 'holds' },
  { to: '/savings', label: 'savings' },
  { to: '/history', label: 'history' },
  { to: '/invoices', label: 'invoices' },
  { to: '/reports', label: 'reports' },
  { to: '/notifications', label: 'messages' },
  { to: '/profile', label: 'profile' },
] as const;

/** The four places people go most, as tabs at the bottom of a phone's screen. */
const tabs = [
  { to: '/', label: 'home' },
  { to: '/transfer', label: 'send' },
  { to: '/history', label: 'activity' },
  { to: '/profile', label: 'profile' },
] as const;

/**
 * The frame of every signed-in screen: skip link, header with the main navigation (a menu on
 * smaller screens, which Escape closes), main, footer, and on phones a tab bar.
 */
export function AppLayout() {
  const { t } = useTranslation();
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
    <UnreadCountProvider>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="app-header">
        <div className="header-bar">
          <Link to="/" className="brand">
            {t('appName')}
          </Link>
          <NotificationBell />
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('layout.menu')}
          </button>
        </div>
        <nav
          id="main-nav"
          aria-label={t('layout.mainNavigation')}
          className={menuOpen ? 'main-nav open' : 'main-nav'}
        >
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'} onClick={() => setMenuOpen(false)}>
                  {t(`layout.links.${link.label}`)}
                </NavLink>
              </li>
            ))}
            <ReceiveNavItem onNavigate={() => setMenuOpen(false)} />
            <li>
              <button type="button" className="nav-button" onClick={() => void logOut()}>
                {t('layout.logOut')}
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
          <Trans
            t={t}
            i18nKey={user.role === 'admin' ? 'layout.loggedInAsAdministrator' : 'layout.loggedInAs'}
            values={{ userName: user.user_name }}
            components={{ strong: <strong /> }}
          />
        </p>
      </footer>
      <nav aria-label={t('layout.tabs')} className="tab-bar">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink to={tab.to} end={tab.to === '/'} onClick={() => setMenuOpen(false)}>
                {t(`layout.links.${tab.label}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </UnreadCountProvider>
  );
}
