import type { Catalog } from '../catalog';

export const errors: Catalog<'errors'> = {
  network: 'Impossible de joindre MoneyPal. Vérifiez votre connexion et réessayez.',
  unknown: 'Une erreur s’est produite. Veuillez réessayer.',
  somethingWrong: 'Une erreur s’est produite.',
  codes: {
    validation_failed: 'Certaines informations sont à corriger.',
    unauthenticated: 'Votre session a pris fin. Veuillez vous reconnecter.',
    token_expired: 'Votre session a pris fin. Veuillez vous reconnecter.',
    token_invalid: 'Votre session a pris fin. Veuillez vous reconnecter.',
    forbidden: 'Vous n’êtes pas autorisé à faire cela.',
    not_found: 'Nous ne l’avons pas trouvé.',
    wallet_not_found: 'Nous n’avons pas trouvé ce portefeuille. Rechargez la page et réessayez.',
    recipient_not_found: 'Aucun utilisateur MoneyPal n’a ce nom d’utilisateur ou cette adresse e-mail.',
    recipient_has_no_wallet:
      'Cet utilisateur n’a pas de portefeuille dans cette devise : il ne peut donc pas recevoir ce montant.',
    user_not_found: 'Nous n’avons pas trouvé cet utilisateur.',
    conflict: 'Cela entre en conflit avec une modification faite entre-temps. Veuillez réessayer.',
    idempotency_in_flight: 'Cette opération est encore en cours. Patientez un instant, puis réessayez.',
    idempotency_mismatch: 'Cette tentative a déjà servi avec d’autres informations. Veuillez recommencer.',
    insufficient_funds: 'Votre portefeuille n’a pas assez d’argent pour cela.',
    limit_exceeded:
      'Cela dépasserait une limite de votre portefeuille. Essayez un montant plus petit, ou réessayez demain.',
    currency_mismatch: 'Les deux portefeuilles sont dans des devises différentes.',
    wallet_frozen:
      'Le portefeuille est gelé : aucun argent ne peut y entrer ni en sortir. Veuillez contacter l’assistance.',
    credit_not_above_savings:
      'Le montant doit dépasser le montant fixe d’épargne du portefeuille qui le reçoit.',
    payment_not_capturable: 'Ce paiement ne peut pas être finalisé dans son état actuel.',
    payment_declined: 'PayPal a refusé le paiement. Aucun argent n’a été prélevé.',
    otp_invalid: 'Ce code n’est pas le bon. Vérifiez-le et réessayez.',
    otp_expired: 'Ce code a expiré ou a déjà servi. Reconnectez-vous pour en recevoir un nouveau.',
    otp_exhausted: 'Trop de codes erronés. Reconnectez-vous pour en recevoir un nouveau.',
    rate_limited: 'Trop de tentatives en peu de temps. Patientez une minute, puis réessayez.',
    bad_gateway: 'Impossible de joindre PayPal. Réessayez dans un instant.',
    unavailable: 'MoneyPal rencontre des difficultés. Réessayez dans un instant.',
    internal: 'Une erreur s’est produite de notre côté. Réessayez dans un instant.',
    unexpected: 'MoneyPal a donné une réponse inattendue. Réessayez dans un instant.',
  },
};
