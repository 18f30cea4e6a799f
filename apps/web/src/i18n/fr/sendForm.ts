import type { Catalog } from '../catalog';

export const sendForm: Catalog<'sendForm'> = {
  recent: 'Récents',
  note: 'Note',
  noteHint: 'Le destinataire la voit avec le paiement.',
  largeAmount:
    'C’est un montant élevé : vérifiez qu’aucun chiffre en trop ne s’est glissé avant de confirmer.',
  to: 'À',
  from: 'Depuis',
  fromWallet: 'Votre portefeuille {{currency}} (<available/> disponibles)',
};
