/** A bar chart's words (components/bar-chart.tsx). */
export const chart = {
  summaryEmpty: '{{title}}: nothing in this period.',
  summary_one:
    '{{title}}: {{total}} in total over {{activeDays}} of {{count}} day; the most, {{most}}, on {{day}}.',
  summary_other:
    '{{title}}: {{total}} in total over {{activeDays}} of {{count}} days; the most, {{most}}, on {{day}}.',
  point: '{{day}}: {{amount}}',
  showNumbers: 'Show the numbers',
  perDay: '{{title}} per day',
  day: 'Day',
  amount: 'Amount',
};
