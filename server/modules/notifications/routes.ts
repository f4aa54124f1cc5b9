import type { App } from '../../http/route.js';

export function notificationRoutes(app: App): void {
  void app;
}
