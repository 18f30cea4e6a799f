import type { Catalog } from '../resources';

export const notifications: Catalog<'notifications'> = {
  bell: {
    label_zero: 'Notifications, aucune non lue',
    label_one: 'Notifications, {{count}} non lue',
    label_other: 'Notifications, {{count}} non lues',
  },
  inbox: {
    unread: 'Non lu',
    markAllRead: 'Tout marquer comme lu',
    markingAllRead: 'En cours…',
    allRead: 'Tous vos messages sont lus.',
    unreadSummary_one: 'Vous avez {{count}} message non lu.',
    unreadSummary_other: 'Vous avez {{count}} messages non lus.',
    noText: 'Ce message n’a pas de texte à afficher : un code n’est jamais montré ici.',
    markReadFailed: 'Nous n’avons pas pu marquer ce message comme lu. Il reste non lu pour l’instant.',
  },
};
