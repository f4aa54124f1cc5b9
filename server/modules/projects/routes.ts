import type { App } from '../../http/route.js';

export function projectRoutes(app: App): void {
  void app;
}
