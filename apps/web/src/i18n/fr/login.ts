import type { Catalog } from '../catalog';

export const login: Catalog<'login'> = {
  title: 'Connexion',
  login: 'Nom d’utilisateur ou e-mail',
  loginMissing: 'Saisissez votre nom d’utilisateur ou votre e-mail.',
  password: 'Mot de passe',
  passwordMissing: 'Saisissez votre mot de passe.',
  wrongCredentials: 'Le nom d’utilisateur, l’e-mail ou le mot de passe n’est pas le bon.',
  incomplete: 'Saisissez votre nom d’utilisateur ou votre e-mail, et votre mot de passe.',
  registered: 'Votre compte est prêt. Connectez-vous pour commencer.',
  passwordReset: 'Votre mot de passe est modifié. Connectez-vous avec le nouveau.',
  loggedOut: 'Vous êtes déconnecté.',
  deleted: 'Votre compte est supprimé.',
  sessionEnded: 'Votre session a pris fin. Veuillez vous reconnecter.',
  logIn: 'Se connecter',
  loggingIn: 'Connexion…',
  forgotPassword: 'Mot de passe oublié ?',
  newHere: 'Nouveau sur MoneyPal ?',
  createAccount: 'Créer un compte',
  code: {
    title: 'Saisissez votre code',
    lead: 'Nous avons envoyé un code à 6 chiffres par SMS, ou par e-mail si votre compte n’a pas de téléphone. Il est valable 5 minutes.',
    label: 'Code à usage unique',
    invalid: 'Saisissez les 6 chiffres du code.',
    checking: 'Vérification…',
    startAgain: 'Recommencer',
  },
};
