import type { Catalog } from '../catalog';

export const holds: Catalog<'holds'> = {
  title: 'Paiements bloqués',
  lead: 'De l’argent bloqué sous séquestre jusqu’à ce qu’un travail soit fait. Le payeur le libère ; le prestataire peut le refuser.',
  dispute: {
    heading: 'Pas satisfait d’un travail ?',
    text: 'Ne libérez pas l’argent. Écrivez à l’assistance MoneyPal avec la référence du paiement : l’assistance règle les litiges et peut vous rendre l’argent ou le libérer au prestataire.',
  },
  payer: {
    heading: 'Paiements que vous bloquez',
    loading: 'Chargement des paiements que vous bloquez…',
    none: 'Aucun. Choisissez « Bloquer l’argent jusqu’à ce que le travail soit fait » quand vous payez un prestataire.',
    loadingMore: 'Chargement d’autres paiements que vous bloquez…',
    loadMore: 'Afficher plus de paiements que vous bloquez',
    untitled: 'Paiement à un prestataire',
  },
  payee: {
    heading: 'Paiements bloqués pour vous',
    loading: 'Chargement des paiements bloqués pour vous…',
    none: 'Aucun pour l’instant.',
    loadingMore: 'Chargement d’autres paiements bloqués pour vous…',
    loadMore: 'Afficher plus de paiements bloqués pour vous',
    untitled: 'Paiement pour vous',
  },
  statuses: {
    held: 'Bloqué',
    captured: 'Libéré',
    voided: 'Restitué',
    expired: 'Expiré',
  },
  refusals: {
    hold_already_settled: 'Ce paiement a été réglé entre-temps. Rechargez la page pour voir comment.',
    wallet_frozen:
      'L’un des portefeuilles est gelé : l’argent ne peut pas être libéré. Veuillez contacter l’assistance.',
  },
  item: {
    heldOn: 'Référence {{reference}} · bloqué le <time/>',
    returnsOn: 'Revient au payeur le <time/> s’il n’est pas réglé avant.',
    releasedOn: 'Libéré au prestataire le <time/> s’il n’est pas réglé avant.',
    releasedAll: '<released/> libérés au prestataire.',
    releasedPart: '<released/> libérés au prestataire, <back/> rendus au payeur.',
  },
  actions: {
    lessThan: 'Saisissez moins de {{amount}}, ou libérez la totalité.',
    working: 'En cours…',
    decline: 'Refuser le travail',
    releaseAll: 'Tout libérer',
    releasePart: 'En libérer une partie',
    amount: 'Montant à libérer',
    rest: 'Le reste revient sur votre solde.',
    release: 'Libérer ce montant',
  },
};
