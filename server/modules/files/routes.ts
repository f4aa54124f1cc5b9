import type { App } from '../../http/route.js';

export function fileRoutes(app: App): void {
  void app;
}
