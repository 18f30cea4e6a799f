import { healthContract } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { HealthService } from '../services/health.service.js';

export async function serveHealthRequest(bus: Bus, health: HealthService): Promise<void> {
  await serve(bus, healthContract('payments'), () => health.check());
}
