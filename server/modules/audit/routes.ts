import type { App } from '../../http/route.js';

export function auditRoutes(app: App): void {
  void app;
}
