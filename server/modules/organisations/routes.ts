import type { App } from '../../http/route.js';

export function organisationRoutes(app: App): void {
  void app;
}
