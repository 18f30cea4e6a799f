import { billingRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { ReportService } from '../services/report.service.js';

export async function serveReportRequests(bus: Bus, reports: ReportService): Promise<void> {
  await serve(bus, billingRequests.reportSummary, ({ actor, ...range }) =>
    reports.reportSummary(actor, range),
  );
}
