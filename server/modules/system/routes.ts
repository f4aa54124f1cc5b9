import type { App } from '../../http/route.js';

export function systemRoutes(app: App): void {
  void app;
}
