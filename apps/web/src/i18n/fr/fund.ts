import type { Catalog } from '../catalog';

export const fund: Catalog<'fund'> = {
  title: 'Ajouter de l’argent',
  lead: 'Ajoutez de l’argent à votre portefeuille avec PayPal. Vous approuvez le paiement sur la page de PayPal.',
  payments: {
    heading: 'Vos paiements PayPal récents',
    admin: 'En tant qu’administrateur, vous voyez ici les paiements de tous les utilisateurs.',
    loading: 'Chargement de vos paiements…',
    none: 'Aucun paiement PayPal pour l’instant.',
  },
  redirecting: 'Redirection vers PayPal pour approuver <amount/>…',
  noApprovalPage: 'PayPal n’a fourni aucune page d’approbation pour ce paiement.',
  startAgain: 'Recommencer',
  continue: 'Continuer vers PayPal',
  contacting: 'Connexion à PayPal…',
  toWallet: 'Vers le portefeuille',
  walletNotFound: 'Ce portefeuille est introuvable. Rechargez la page et réessayez.',
  large: {
    heading: 'Ce montant est-il juste ?',
    warning:
      'Vous allez ajouter <amount/> à votre portefeuille. C’est un montant élevé : vérifiez qu’aucun chiffre en trop ne s’est glissé.',
    confirm: 'Oui, ajouter <amount/>',
    change: 'Modifier le montant',
  },
};
