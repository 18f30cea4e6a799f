import type { Catalog } from '../catalog';

export const forms: Catalog<'forms'> = {
  firstNameMissing: 'Saisissez votre prénom.',
  lastNameMissing: 'Saisissez votre nom.',
  userNameMissing: 'Choisissez un nom d’utilisateur.',
  userNameLength: 'Utilisez de {{min}} à {{max}} caractères.',
  userNameCharacters:
    'Utilisez des lettres, des chiffres, « . », « _ » et « - », en commençant par une lettre ou un chiffre.',
  emailMissing: 'Saisissez votre adresse e-mail.',
  emailInvalid: 'Saisissez une adresse e-mail comme ana@example.com.',
  atLeast_one: 'Utilisez au moins {{count}} caractère.',
  atLeast_other: 'Utilisez au moins {{count}} caractères.',
  atMost_one: 'Utilisez au plus {{count}} caractère.',
  atMost_other: 'Utilisez au plus {{count}} caractères.',
  phoneInvalid:
    'Saisissez le numéro avec son indicatif pays, par exemple +33612345678, ou laissez le champ vide.',
  recipientMissing: 'Saisissez son nom d’utilisateur ou son adresse e-mail.',
  recipientTooLong: 'C’est trop long pour un nom d’utilisateur ou une adresse e-mail.',
};
