import type { Catalog } from '../catalog';

export const paymentReturn: Catalog<'paymentReturn'> = {
  title: 'Votre paiement',
  noPayment: 'Ce lien ne désigne aucun paiement : il n’y a donc rien à finaliser.',
  completing: 'Finalisation de votre paiement avec PayPal…',
  cancelling: 'Enregistrement de votre annulation…',
  notFound: 'Nous n’avons pas trouvé ce paiement.',
  checkAgain: 'Vérifier à nouveau',
  captured: {
    soon: 'PayPal a effectué votre paiement de <amount/>. Votre solde l’affichera dans un instant.',
    updating: 'Paiement effectué. Mise à jour de votre solde…',
    added: 'Paiement effectué : <amount/> ont été ajoutés à votre portefeuille.',
    paidProvider:
      'Paiement effectué : <amount/> sont passés par votre portefeuille jusqu’au prestataire. Retrouvez la facture dans Rapports.',
  },
  processing: 'Finalisation de votre paiement…',
  pending:
    'PayPal traite encore votre paiement de <amount/> (en attente). Nous ajoutons l’argent dès que PayPal le confirme — vous pouvez quitter cette page.',
  waiting: 'En attente de PayPal…',
  declined:
    'PayPal a refusé ce paiement de <amount/>. Aucun argent n’a été prélevé. Vous pouvez réessayer avec un autre moyen de paiement.',
  cancelled: 'Vous avez annulé ce paiement de <amount/> sur PayPal. Aucun argent n’a été prélevé.',
  expired: 'Ce paiement de <amount/> a expiré avant d’être approuvé. Aucun argent n’a été prélevé.',
  refunded: 'Ce paiement de <amount/> a été remboursé.',
  awaitingApproval: 'Ce paiement de <amount/> n’a pas encore été approuvé sur PayPal.',
  approve: 'L’approuver sur PayPal',
  nextSteps: 'Étapes suivantes',
  home: 'Accueil',
  history: 'Historique',
  fund: 'Ajouter de l’argent',
};
