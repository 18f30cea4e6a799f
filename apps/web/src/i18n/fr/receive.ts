import type { Catalog } from '../catalog';

export const receive: Catalog<'receive'> = {
  nav: 'Recevoir',
  title: 'Recevoir de l’argent',
  lead: 'Partagez votre lien de paiement, ou faites scanner son code QR : il ouvre l’écran d’envoi de MoneyPal avec vous comme destinataire.',
  loadingWallets: 'Chargement de vos portefeuilles…',
  amount: 'Montant à demander',
  note: 'Note',
  noteHint: 'La personne la voit sur son écran d’envoi, et avec le paiement.',
  linkHeading: 'Votre lien de paiement',
  linkLabel: 'Lien de paiement',
  linkHint:
    'Toute personne ayant un compte MoneyPal peut vous payer avec ; elle vérifie et confirme toujours le paiement.',
  copy: 'Copier le lien',
  copied: 'Lien copié.',
  copyFailed: 'Ce navigateur n’a pas permis la copie. Sélectionnez le lien et copiez-le vous-même.',
  qrLabel: 'Code QR de votre lien de paiement',
  qrHint: 'Le scanner avec l’appareil photo d’un téléphone ouvre le lien.',
  qrTooLong: 'Le lien est trop long pour un code QR : raccourcissez la note, ou partagez le lien lui-même.',
  link: {
    heading: 'Depuis un lien de paiement',
    filled:
      'Les informations ci-dessous viennent d’un lien de paiement. Vérifiez-les avant de continuer : rien n’est envoyé tant que vous n’avez pas confirmé.',
    ignored_one: 'Une valeur du lien n’était pas valide et a été écartée : {{fields}}.',
    ignored_other: 'Certaines valeurs du lien n’étaient pas valides et ont été écartées : {{fields}}.',
    fields: { to: 'le destinataire', amount: 'le montant', note: 'la note' },
  },
};
