import type { Catalog } from '../catalog';

export const register: Catalog<'register'> = {
  title: 'Créez votre compte',
  firstName: 'Prénom',
  lastName: 'Nom',
  userName: 'Nom d’utilisateur',
  userNameHint:
    'De {{min}} à {{max}} lettres, chiffres, « . », « _ » ou « - ». Les autres vous paient avec ce nom.',
  email: 'E-mail',
  password: 'Mot de passe',
  passwordHint_one: 'Au moins {{count}} caractère.',
  passwordHint_other: 'Au moins {{count}} caractères.',
  phone: 'Téléphone mobile',
  phoneHint: 'Avec l’indicatif pays, par exemple +33612345678. Les codes à usage unique arrivent ici.',
  fixFields: 'Certaines informations sont à corriger : voyez les messages à côté des champs.',
  taken: 'Quelqu’un l’utilise déjà : voyez les messages à côté des champs.',
  creating: 'Création de votre compte…',
  create: 'Créer le compte',
  haveAccount: 'Vous avez déjà un compte ?',
  logIn: 'Se connecter',
};
