export { type RunningNotifications, type StartNotificationsOptions, startNotifications } from './app.js';
export { RecordingSmsProvider } from './clients/sms.client.js';
export {
  defaultEmailFrom,
  defaultNotificationsConfig,
  type EmailConfig,
  loadNotificationsConfig,
  type NotificationsConfig,
  type NotificationsProcessConfig,
  notificationsEnvironmentSchema,
} from './config.js';
export {
  type MessageRow,
  type NotificationsDatabase,
  type NotificationsTables,
  notificationsMigrations,
} from './database.js';
export { notificationsErrorCodes } from './errors.js';
export type { OutgoingSms, SmsProvider } from './services/dispatch.service.js';
export { notificationsConsumer } from './services/intake.service.js';
