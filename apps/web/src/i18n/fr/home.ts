import type { Catalog } from '../catalog';

export const home: Catalog<'home'> = {
  title: 'Bonjour, {{firstName}}',
  wallets: 'Vos portefeuilles',
  lookAgain: 'Vérifier à nouveau',
  quickActions: {
    label: 'Actions rapides',
    fund: 'Ajouter de l’argent',
    pay: 'Payer un prestataire',
    send: 'Envoyer de l’argent',
    cashOut: 'Retirer',
    savings: 'Épargne',
  },
  activity: {
    heading: 'Activité récente',
    loading: 'Chargement de l’activité récente…',
    nothingYet: 'Rien pour l’instant.',
    empty: 'Rien pour l’instant. L’argent que vous ajoutez, envoyez ou recevez apparaît ici.',
    seeAll: 'Voir tout votre historique',
  },
};
