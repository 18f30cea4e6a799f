/** The bell in the header and the inbox of the messages screen. */
export const notifications = {
  bell: {
    label_zero: 'Notifications, none unread',
    label_one: 'Notifications, {{count}} unread',
    label_other: 'Notifications, {{count}} unread',
  },
  inbox: {
    unread: 'Unread',
    markAllRead: 'Mark all as read',
    markingAllRead: 'Marking…',
    allRead: 'All your messages are read.',
    unreadSummary_one: 'You have {{count}} unread message.',
    unreadSummary_other: 'You have {{count}} unread messages.',
    noText: 'This message has no text to show: a code is never shown here.',
    markReadFailed: 'We could not mark this message as read. It stays unread for now.',
  },
};
