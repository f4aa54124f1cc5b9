import type { Dayjs } from 'dayjs';
import dayjsGenerateConfig from 'rc-picker/es/generate/dayjs.js';
import type { GenerateConfig } from 'rc-picker/es/generate/index.js';
import { districtNow } from './district-time.js';

/** rc-picker's module is typed CommonJS: Node's type rules (the web tests) see its default under `default`, Vite does not. */
function base(imported: unknown): GenerateConfig<Dayjs> {
  const config = imported as GenerateConfig<Dayjs> & { default?: GenerateConfig<Dayjs> };
  return config.default ?? config;
}

/**
 * antd's own dayjs config for its pickers (the one `antd`'s `DatePicker` is
 * built from; rc-picker is a direct dependency pinned to the version antd
 * resolves) with one change: "now" is the
 * district's wall-clock time (`districtNow()`, decision 0028), so the today
 * highlight, the 今天/此刻 buttons and the panel a picker opens on follow
 * 北京时间 whatever zone the browser is in. Picker values keep the
 * convention of every picker here: a local dayjs holding the district's
 * wall-clock time. In a browser in the district's zone this is antd's config.
 */
export const districtGenerateConfig: GenerateConfig<Dayjs> = { ...base(dayjsGenerateConfig), getNow: districtNow };
