import type { App } from '../../http/route.js';

export function importRoutes(app: App): void {
  void app;
}
