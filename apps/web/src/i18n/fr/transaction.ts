import type { Catalog } from '../catalog';

export const transaction: Catalog<'transaction'> = {
  title: 'Opération',
  loading: 'Chargement de l’opération…',
  back: 'Retour à votre historique',
  when: 'Date',
  from: 'De',
  to: 'À',
  parties: {
    yourWallet: 'Votre portefeuille',
    yourWalletOf: 'Votre portefeuille ({{person}})',
    someone: 'Un utilisateur MoneyPal',
    outsideFrom: 'Hors de MoneyPal (PayPal ou back-office)',
    outsideTo: 'Hors de MoneyPal',
  },
  paidToProvider: 'Versé au prestataire',
  backToPayer: 'Rendu au payeur',
  note: 'Note',
  reference: 'Référence',
  details: 'Détails',
  seeInvoice: 'Voir la facture n° {{invoiceNo}}',
  seeHolds: 'Voir vos paiements bloqués',
  entries: {
    caption: 'Écritures comptables',
    account: 'Compte',
    change: 'Mouvement',
    balanceAfter: 'Solde après',
    notShown: 'non affiché',
    accounts: {
      yours: {
        main: 'Votre solde principal',
        savings: 'Votre épargne',
        held: 'Votre séquestre',
        system: 'Votre compte',
      },
      moneyPal: {
        main: 'Solde principal MoneyPal',
        savings: 'Épargne MoneyPal',
        held: 'Séquestre MoneyPal',
        system: 'Compte MoneyPal',
      },
      others: {
        main: 'Solde principal d’un tiers',
        savings: 'Épargne d’un tiers',
        held: 'Séquestre d’un tiers',
        system: 'Compte d’un tiers',
      },
    },
  },
};
