import type { AppServices } from '../trpc/context.js';
import type { AnyJobDefinition } from './definitions.js';
import { maintenanceJob } from './maintenance.js';

/** Every job type the engine runs. Each domain adds its definitions here. */
export function jobDefinitions(services: AppServices): AnyJobDefinition[] {
  return [maintenanceJob(services.config.sessionInactivityMs)];
}
