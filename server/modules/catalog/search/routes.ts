import type { App } from '../../../http/route.js';

/** Public finding of listings, dictionary administration, exports and syndication. */
export function catalogSearchRoutes(app: App): void {
  void app;
}
