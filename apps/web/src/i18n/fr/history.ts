import type { Catalog } from '../catalog';

export const history: Catalog<'history'> = {
  title: 'Historique',
  results: 'Opérations',
  noneYet: 'Aucune opération pour l’instant.',
  loading: 'Chargement de votre historique…',
  noMatch: 'Aucune opération ne correspond à ces filtres.',
  loadingMore: 'Chargement d’autres opérations…',
  loadMore: 'Afficher plus d’opérations',
  filters: {
    label: 'Filtrer les opérations',
    badRange: 'La date de début ne doit pas être après la date de fin.',
    wallet: 'Portefeuille',
    allWallets: 'Tous les portefeuilles',
    walletOption: '{{currency}} {{type}}',
    from: 'Du',
    to: 'Au',
    type: 'Type',
    allTypes: 'Tous les types',
    direction: 'Sens',
    inAndOut: 'Entrées et sorties',
    in: 'Entrées',
    out: 'Sorties',
    apply: 'Appliquer les filtres',
    clear: 'Effacer',
  },
};
