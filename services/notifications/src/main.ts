import { runServiceProcess } from '@moneypal/kit';
import { startNotifications } from './app.js';
import { loadNotificationsConfig } from './config.js';
import type { NotificationsTables } from './database.js';

/** The distributed runtime's notifications process: `node services/notifications/dist/main.js`. */
runServiceProcess<ReturnType<typeof loadNotificationsConfig>, NotificationsTables>({
  service: 'notifications',
  loadConfig: loadNotificationsConfig,
  poolSize: 5,
  start: (parts) => startNotifications(parts),
});
