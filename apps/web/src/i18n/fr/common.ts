import type { Catalog } from '../catalog';

export const common: Catalog<'common'> = {
  appName: 'MoneyPal',
  pageTitle: '{{title}} · MoneyPal',
  description: 'MoneyPal : votre portefeuille, vos paiements, votre épargne et vos rapports.',
  language: 'Langue',
  languages: { en: 'English', fr: 'Français' },
  theme: {
    legend: 'Thème',
    system: 'Comme sur cet appareil',
    light: 'Clair',
    dark: 'Sombre',
  },
  loading: 'Chargement…',
  loadingWallets: 'Chargement de vos portefeuilles…',
  walletOpening: 'Votre portefeuille est en cours d’ouverture…',
  tryAgain: 'Réessayer',
  optional: '(facultatif)',
  thatIsAll: 'C’est tout.',
  sandbox: {
    badge: 'Bac à sable',
    explained: ' : simulateur PayPal, pas d’argent réel',
  },
  session: {
    opening: 'Ouverture de votre session…',
    unreachable: 'Impossible de joindre MoneyPal pour ouvrir votre session. Vérifiez votre connexion.',
  },
  layout: {
    skipToContent: 'Aller au contenu',
    menu: 'Menu',
    mainNavigation: 'Principale',
    tabs: 'Onglets',
    logOut: 'Se déconnecter',
    links: {
      home: 'Accueil',
      fund: 'Ajouter de l’argent',
      pay: 'Payer',
      send: 'Envoyer',
      requests: 'Demandes',
      cashOut: 'Retirer',
      holds: 'Paiements bloqués',
      savings: 'Épargne',
      history: 'Historique',
      activity: 'Activité',
      invoices: 'Factures',
      reports: 'Rapports',
      messages: 'Messages',
      profile: 'Profil',
    },
    loggedInAs:
      'Connecté en tant que <strong>{{userName}}</strong>. Les montants sont affichés dans la devise de chaque portefeuille.',
    loggedInAsAdministrator:
      'Connecté en tant que <strong>{{userName}}</strong> (administrateur). Les montants sont affichés dans la devise de chaque portefeuille.',
  },
};
