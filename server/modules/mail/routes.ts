import type { App } from '../../http/route.js';

export function mailRoutes(app: App): void {
  void app;
}
