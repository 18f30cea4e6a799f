import type { Catalog } from '../catalog';

export const transfer: Catalog<'transfer'> = {
  title: 'Envoyer de l’argent',
  lead: 'Envoyez de l’argent depuis votre portefeuille à un autre utilisateur MoneyPal.',
  refusals: {
    recipient_not_found:
      'Utilisateur inconnu : aucun utilisateur MoneyPal n’a ce nom d’utilisateur, cet e-mail ou ce téléphone.',
    recipient_has_no_wallet:
      'Cette personne n’a pas de portefeuille dans cette devise : elle ne peut pas recevoir ce virement.',
    wallet_not_found: 'Votre portefeuille est introuvable. Rechargez la page et réessayez.',
    insufficient_funds: 'Votre portefeuille n’a pas assez d’argent pour ce virement.',
    currency_mismatch:
      'Son portefeuille est dans une autre devise que le vôtre : ce virement n’est donc pas possible.',
    wallet_frozen:
      'L’un des portefeuilles est gelé : aucun argent ne peut circuler. Veuillez contacter l’assistance.',
    limit_exceeded:
      'Cela dépasse une limite de votre portefeuille. Essayez un montant plus petit, ou envoyez-le plus tard.',
  },
  yourself: 'C’est vous. Saisissez le nom d’utilisateur, l’e-mail ou le téléphone de quelqu’un d’autre.',
  moreThanAvailable: 'C’est plus que les {{available}} disponibles dans ce portefeuille.',
  sent: '<amount/> envoyés à {{recipient}}. Votre solde est maintenant de <balance/>.',
  sentToThem: '<amount/> envoyés. Votre solde est maintenant de <balance/>.',
  sendMore: 'Envoyer encore',
  seeTransfer: 'Voir le virement',
  recipient: 'À (nom d’utilisateur, e-mail ou téléphone)',
  recipientHint: 'Son nom d’utilisateur, son e-mail ou son numéro de téléphone (+33612345678) sur MoneyPal.',
  continue: 'Continuer',
  confirm: {
    heading: 'Vérifiez et confirmez',
    verb: 'Vous envoyez',
    sending: 'Envoi…',
    send: 'Confirmer et envoyer',
    change: 'Modifier',
  },
  lookup: {
    checking: 'Recherche…',
    unknown: 'Aucun utilisateur MoneyPal n’a exactement ce nom d’utilisateur, cet e-mail ou ce téléphone.',
    you: 'C’est vous.',
    found: 'Envoi à {{person}}',
  },
};
