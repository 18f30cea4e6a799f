import { NavLink } from 'react-router-dom';
import { useTranslation } from '../i18n';

/** The main navigation's link to the receive screen. */
export function ReceiveNavItem({ onNavigate }: { onNavigate(): void }) {
  const { t } = useTranslation('receive');
  return (
    <li>
      <NavLink to="/receive" onClick={onNavigate}>
        {t('nav')}
      </NavLink>
    </li>
  );
}
