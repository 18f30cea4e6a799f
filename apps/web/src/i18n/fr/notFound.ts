import type { Catalog } from '../catalog';

export const notFound: Catalog<'notFound'> = {
  title: 'Page introuvable',
  nothingHere: 'Il n’y a aucune page à cette adresse.',
  goHome: 'Aller à votre page d’accueil',
};
