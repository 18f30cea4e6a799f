import { Link } from 'react-router-dom';
import { Screen } from '../components/screen';
import { useTranslation } from '../i18n';

export function NotFoundScreen() {
  const { t } = useTranslation('notFound');
  return (
    <Screen title={t('title')}>
      <p>{t('nothingHere')}</p>
      <p>
        <Link to="/">{t('goHome')}</Link>
      </p>
    </Screen>
  );
}
