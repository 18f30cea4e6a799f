import { useId, useState } from 'react';
import { chooseLanguage, type Language, languages, useTranslation } from '../i18n';
import { chooseTheme, storedTheme, type Theme, themes } from '../theme';

/** The app's language, switched at once and remembered on this device. */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={compact ? 'language-select language-select-compact' : 'field'}>
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        value={i18n.resolvedLanguage ?? 'en'}
        onChange={(event) => void chooseLanguage(event.target.value as Language)}
      >
        {languages.map((language) => (
          // Each language is named in itself, so a person who reads only one finds theirs.
          <option key={language} value={language} lang={language}>
            {t(`languages.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Light, dark, or as the system says: switched at once and remembered on this device. */
export function ThemeChoice() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const name = useId();
  return (
    <fieldset className="choices">
      <legend>{t('theme.legend')}</legend>
      {themes.map((option) => (
        <div className="choice" key={option}>
          <input
            type="radio"
            id={`${name}-${option}`}
            name={name}
            checked={theme === option}
            onChange={() => {
              chooseTheme(option);
              setTheme(option);
            }}
          />
          <label htmlFor={`${name}-${option}`}>{t(`theme.${option}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}
