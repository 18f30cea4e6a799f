import type { Catalog } from '../catalog';

export const pay: Catalog<'pay'> = {
  title: 'Payer un prestataire',
  lead: 'Payez quelqu’un pour un service. Vous recevez une facture.',
  refusals: {
    recipient_not_found:
      'Utilisateur inconnu : aucun utilisateur MoneyPal n’a ce nom d’utilisateur ou cet e-mail.',
    recipient_has_no_wallet:
      'Cette personne n’a pas de portefeuille dans cette devise : elle ne peut pas être payée dans celle-ci.',
    wallet_not_found: 'Votre portefeuille est introuvable. Rechargez la page et réessayez.',
    insufficient_funds:
      'Votre portefeuille n’a pas assez d’argent pour ce paiement. Vous pouvez payer via PayPal à la place.',
    currency_mismatch:
      'Le portefeuille du prestataire est dans une autre devise que le vôtre : ce paiement n’est donc pas possible.',
    wallet_frozen:
      'L’un des portefeuilles est gelé : aucun argent ne peut circuler. Veuillez contacter l’assistance.',
  },
  recipient: 'Prestataire (nom d’utilisateur ou e-mail)',
  recipientHint: 'Le nom d’utilisateur ou l’e-mail que le prestataire utilise sur MoneyPal.',
  continue: 'Continuer',
  escrow: {
    label: 'Bloquer l’argent jusqu’à ce que le travail soit fait',
    hint: 'L’argent quitte votre solde maintenant mais n’arrive au prestataire que lorsque vous le libérez. Il peut refuser le travail ; l’argent vous revient alors.',
    returnDay: 'Me le rendre le',
    returnDayHint: 'Sauf si vous le libérez avant. Laissez vide pour le bloquer jusqu’à votre décision.',
    notADay: 'Saisissez une date, par exemple 2027-01-15.',
    notAfterToday: 'Choisissez un jour après aujourd’hui.',
    later: 'Choisissez un jour plus tardif.',
  },
  done: {
    held: '<amount/> est bloqué pour {{recipient}} jusqu’à ce que vous le libériez. La facture n° {{invoiceNo}} est émise.',
    heldForProvider:
      '<amount/> est bloqué pour le prestataire jusqu’à ce que vous le libériez. La facture n° {{invoiceNo}} est émise.',
    paid: '<amount/> payé à {{recipient}}. La facture n° {{invoiceNo}} est émise.',
    paidProvider: '<amount/> payé au prestataire. La facture n° {{invoiceNo}} est émise.',
    seeHolds: 'Voir les paiements bloqués',
    seeInvoice: 'Voir la facture',
    payAnother: 'Payer quelqu’un d’autre',
  },
  confirm: {
    heading: 'Vérifiez et confirmez',
    verbHold: 'Vous bloquez',
    verbPay: 'Vous payez',
    heldUntilReleased: 'Bloqué sous séquestre jusqu’à ce que vous le libériez.',
    heldUntilDay:
      'Bloqué sous séquestre jusqu’à ce que vous le libériez, et rendu le {{day}} s’il n’est pas libéré avant.',
    shortForEscrow:
      'Votre portefeuille a <available/> disponibles, ce qui ne suffit pas. L’argent mis sous séquestre vient de votre solde : ajoutez d’abord de l’argent.',
    shortForWallet:
      'Votre portefeuille a <available/> disponibles, ce qui ne suffit pas. Payez plutôt via PayPal : l’argent passe par votre portefeuille jusqu’au prestataire.',
    contactingPayPal: 'Connexion à PayPal…',
    payWithPayPal: 'Payer avec PayPal',
    paying: 'Paiement…',
    hold: 'Confirmer et bloquer',
    pay: 'Confirmer et payer',
    change: 'Modifier',
  },
};
