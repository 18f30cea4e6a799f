import type { Catalog } from '../catalog';

export const forgotPassword: Catalog<'forgotPassword'> = {
  emailMissing: 'Saisissez l’adresse e-mail de votre compte.',
  codeInvalid: 'Saisissez les 6 chiffres du code.',
  passwordTooShort_one: 'Utilisez au moins {{count}} caractère.',
  passwordTooShort_other: 'Utilisez au moins {{count}} caractères.',
  request: {
    title: 'Réinitialisez votre mot de passe',
    lead: 'Saisissez l’adresse e-mail de votre compte. Nous vous enverrons par e-mail un code pour choisir un nouveau mot de passe.',
    email: 'E-mail',
    sending: 'Envoi…',
    send: 'M’envoyer un code',
    remembered: 'Il vous revient ?',
    logIn: 'Se connecter',
  },
  reset: {
    title: 'Choisissez un nouveau mot de passe',
    codeSent:
      'Si un compte utilise {{email}}, nous lui avons envoyé un code à 6 chiffres. Il est valable 15 minutes et ne sert qu’une fois.',
    code: 'Code reçu par e-mail',
    password: 'Nouveau mot de passe',
    passwordHint_one:
      'Au moins {{count}} caractère. Tous les appareils connectés à votre compte seront déconnectés.',
    passwordHint_other:
      'Au moins {{count}} caractères. Tous les appareils connectés à votre compte seront déconnectés.',
    fixFields: 'Certaines informations sont à corriger : voyez les messages à côté des champs.',
    saving: 'Enregistrement…',
    save: 'Enregistrer le mot de passe',
    sendAnother: 'Envoyer un autre code',
  },
};
