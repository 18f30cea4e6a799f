import type { Catalog } from '../catalog';

export const reports: Catalog<'reports'> = {
  title: 'Rapports',
  loading: 'Chargement de votre rapport…',
  nothingMoved: 'Aucun mouvement d’argent du {{from}} au {{to}}.',
  invoices: 'Factures',
  range: {
    label: 'Période du rapport',
    firstMissing: 'Choisissez le premier jour.',
    lastMissing: 'Choisissez le dernier jour.',
    backwards: 'Le premier jour ne doit pas être après le dernier.',
    tooLong_one: 'Choisissez au plus {{count}} jour.',
    tooLong_other: 'Choisissez au plus {{count}} jours.',
    from: 'Du',
    to: 'Au',
    show: 'Afficher le rapport',
  },
  series: {
    payments_made: 'Paiements effectués',
    payments_received: 'Paiements reçus',
    deposits: 'Argent ajouté',
    transfers_in: 'Argent reçu',
    transfers_out: 'Argent envoyé',
  },
  invoicesPaid: 'Factures payées',
  invoicesReceived: 'Factures reçues',
  inCurrency: 'En {{currency}}',
  times_one: '{{count}} fois',
  times_other: '{{count}} fois',
  chart: 'Graphique',
  chartTitle: '{{series}} par jour, {{currency}}',
};
