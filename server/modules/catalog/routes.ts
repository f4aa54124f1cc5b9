import type { App } from '../../http/route.js';

export function catalogRoutes(app: App): void {
  void app;
}
