import type { Catalog } from '../catalog';

export const notifications: Catalog<'notifications'> = {
  title: 'Messages',
  lead: 'Les e-mails et SMS que nous vous avons envoyés. Ouvrez-en un pour le lire.',
  admin: 'En tant qu’administrateur, vous voyez ici les messages de tous les utilisateurs.',
  loading: 'Chargement de vos messages…',
  none: 'Aucun message pour l’instant.',
  loadingMore: 'Chargement d’autres messages…',
  loadMore: 'Afficher plus de messages',
  templates: {
    registration: 'Bienvenue',
    payment_sent: 'Paiement envoyé',
    payment_received: 'Paiement reçu',
    invoice_issued: 'Facture émise',
    refund: 'Remboursement',
    one_time_code: 'Code à usage unique',
    password_reset: 'Code de réinitialisation du mot de passe',
    hold_created: 'Argent mis sous séquestre',
    hold_captured: 'Séquestre libéré',
    hold_voided: 'Séquestre restitué',
    hold_expired: 'Séquestre arrivé à échéance',
  },
  meanings: {
    registration: 'Bienvenue sur MoneyPal, envoyé à la création de votre compte.',
    payment_sent: 'Un reçu pour de l’argent que vous avez envoyé ou payé à un autre utilisateur.',
    payment_received: 'L’avis que de l’argent d’un autre utilisateur est arrivé sur votre portefeuille.',
    invoice_issued: 'La facture d’un paiement que vous avez fait à un prestataire.',
    refund: 'L’avis qu’un de vos paiements a été remboursé, et de combien.',
    one_time_code: 'Un code à usage unique pour vous connecter. Le code est effacé dès son envoi.',
    hold_created:
      'L’avis que de l’argent est bloqué sous séquestre pour un travail jusqu’à ce que le payeur le libère.',
    hold_captured:
      'L’avis qu’un séquestre a été libéré : ce que le prestataire a reçu et ce qui a été rendu.',
    hold_voided: 'L’avis qu’un paiement sous séquestre a été refusé et rendu au payeur.',
    hold_expired: 'L’avis qu’un paiement sous séquestre est arrivé à sa date et s’est réglé de lui-même.',
    password_reset: 'Un code pour choisir un nouveau mot de passe. Le code est effacé dès son envoi.',
  },
  channels: { email: 'E-mail', sms: 'SMS' },
  statuses: { pending: 'Envoi en cours', sent: 'Envoyé', failed: 'Non remis' },
  item: {
    subject: 'Objet',
    sentTo: 'Envoyé à',
    written: 'Rédigé le',
    sent: 'Envoyé le',
    tries: 'Tentatives',
    whyNot: 'Raison de la non-remise',
  },
};
