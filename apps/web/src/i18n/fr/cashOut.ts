import type { Catalog } from '../catalog';

export const cashOut: Catalog<'cashOut'> = {
  title: 'Retirer',
  lead: 'Envoyez de l’argent de votre portefeuille vers un compte PayPal.',
  amountRefusals: {
    insufficient_funds: 'C’est plus que ce que votre portefeuille a de disponible.',
    limit_exceeded:
      'Cela dépasse la limite quotidienne de retrait de votre portefeuille. Essayez un montant plus petit.',
  },
  walletFrozen:
    'Votre portefeuille est gelé : aucun argent ne peut en sortir. Veuillez contacter l’assistance.',
  statuses: {
    pending: 'En attente de PayPal',
    processing: 'Chez PayPal',
    unclaimed: 'En attente de réclamation',
    succeeded: 'Versé',
    failed: 'Échoué',
    returned: 'Retourné',
  },
  meanings: {
    pending:
      'L’argent a quitté votre portefeuille. PayPal n’a pas encore pu être joint ; nous réessayons, et il n’est jamais versé deux fois.',
    processing: 'L’argent a quitté votre portefeuille et PayPal est en train de le verser.',
    unclaimed_one:
      'Le compte PayPal n’existe pas encore. PayPal rend l’argent après {{count}} jour s’il n’est pas réclamé.',
    unclaimed_other:
      'Le compte PayPal n’existe pas encore. PayPal rend l’argent après {{count}} jours s’il n’est pas réclamé.',
    succeeded: 'PayPal l’a versé à {{receiver}}.',
    refused: 'Il a été refusé avant que l’argent ne quitte votre portefeuille.',
    failed: 'PayPal n’a pas pu le verser. L’argent est revenu dans votre portefeuille.',
    returned: 'Personne ne l’a réclamé sur PayPal. L’argent est revenu dans votre portefeuille.',
  },
  moreThanAvailable: 'C’est plus que ce que votre portefeuille a de disponible ({{available}}).',
  receiverInvalid: 'Saisissez l’adresse e-mail d’un compte PayPal.',
  receiver: 'E-mail PayPal',
  receiverHint: 'L’adresse e-mail du compte PayPal qui reçoit l’argent.',
  continue: 'Continuer',
  confirm: {
    heading: 'Vérifiez et confirmez',
    verb: 'Vous retirez',
    account: 'Compte PayPal {{receiver}}',
    hint: 'L’argent quitte votre portefeuille immédiatement. Si PayPal ne peut pas le verser, il revient.',
    sending: 'Retrait…',
    send: 'Confirmer et retirer',
    change: 'Modifier',
  },
  state: {
    heading: 'Retrait de <amount/> vers {{receiver}} :',
    more: 'Retirer encore',
  },
  list: {
    heading: 'Vos retraits',
    loading: 'Chargement de vos retraits…',
    none: 'Aucun retrait pour l’instant.',
    to: 'Vers {{receiver}}',
    loadingMore: 'Chargement d’autres retraits…',
    loadMore: 'Afficher plus de retraits',
  },
};
