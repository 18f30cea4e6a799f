import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client';
import { App } from './app';
import { registerServiceWorker } from './service-worker';
import './i18n';
import './styles.css';
import { applyTheme, storedTheme } from './theme';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

applyTheme(storedTheme());

createRoot(root).render(
  <StrictMode>
    <App client={new ApiClient()} />
  </StrictMode>,
);

registerServiceWorker();
