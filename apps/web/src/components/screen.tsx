import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from '../i18n';

/**
 * A screen's title and content. The title names the page; after a navigation inside the app
 * focus moves to it, so keyboard and screen-reader users start at the new screen (on the
 * first page load the browser's own order applies).
 */
export function Screen({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('pageTitle', { title });
  }, [title, t]);

  useEffect(() => {
    if (location.key !== 'default') heading.current?.focus();
  }, [location.key]);

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {lead === undefined ? null : <p className="lead">{lead}</p>}
      </div>
      {children}
    </div>
  );
}
