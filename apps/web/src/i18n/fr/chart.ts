import type { Catalog } from '../catalog';

export const chart: Catalog<'chart'> = {
  summaryEmpty: '{{title}} : rien sur cette période.',
  summary_one:
    '{{title}} : {{total}} au total sur {{activeDays}} jour sur {{count}} ; le plus, {{most}}, le {{day}}.',
  summary_other:
    '{{title}} : {{total}} au total sur {{activeDays}} jours sur {{count}} ; le plus, {{most}}, le {{day}}.',
  point: '{{day}} : {{amount}}',
  showNumbers: 'Afficher les chiffres',
  perDay: '{{title}} par jour',
  day: 'Jour',
  amount: 'Montant',
};
