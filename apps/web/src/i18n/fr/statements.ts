import type { Catalog } from '../catalog';

export const statements: Catalog<'statements'> = {
  search: {
    person: 'Personne',
    personHint: 'Un nom ou un @nom d’utilisateur',
    note: 'La note contient',
    minAmount: 'Montant min.',
    maxAmount: 'Montant max.',
    amountInvalid: 'Saisissez un montant en chiffres, par exemple {{example}}.',
    rangeInvalid: 'Le montant min. ne doit pas dépasser le montant max.',
  },
  statement: {
    heading: 'Relevé',
    intro:
      'Tous les mouvements d’un mois avec le solde avant et après, à conserver ou à ouvrir dans un tableur.',
    month: 'Mois',
    monthHint: 'L’année et le mois, par exemple {{example}}',
    monthInvalid: 'Choisissez un mois, par exemple {{example}}.',
    format: 'Format',
    formats: { pdf: 'PDF', csv: 'CSV (tableur)' },
    download: 'Télécharger le relevé',
    preparing: 'Préparation de votre relevé…',
    saved: 'Votre relevé a été enregistré sous le nom {{filename}}.',
    failed: 'Votre relevé n’a pas pu être téléchargé. {{detail}}',
  },
  receipt: {
    download: 'Télécharger le reçu',
    preparing: 'Préparation de votre reçu…',
    saved: 'Votre reçu a été enregistré sous le nom {{filename}}.',
    failed: 'Votre reçu n’a pas pu être téléchargé. {{detail}}',
  },
};
