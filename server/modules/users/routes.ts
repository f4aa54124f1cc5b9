import type { App } from '../../http/route.js';

export function userRoutes(app: App): void {
  void app;
}
