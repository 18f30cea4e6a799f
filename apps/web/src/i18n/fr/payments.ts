import type { Catalog } from '../catalog';

export const payments: Catalog<'payments'> = {
  list: {
    moneyAdded: 'Argent ajouté avec PayPal',
    providerPaid: 'Prestataire payé avec PayPal',
    approve: 'L’approuver sur PayPal',
  },
  phases: {
    'awaiting-approval': 'En attente d’approbation',
    processing: 'Finalisation',
    pending: 'En attente',
    captured: 'Effectué',
    declined: 'Refusé',
    cancelled: 'Annulé',
    expired: 'Expiré',
    'partially-refunded': 'Partiellement remboursé',
    refunded: 'Remboursé',
  },
};
