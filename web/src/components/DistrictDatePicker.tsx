import type { Dayjs } from 'dayjs';
import generatePicker from 'antd/es/date-picker/generatePicker';
import { districtGenerateConfig } from './district-picker-config.js';

/**
 * antd's DatePicker (with RangePicker, MonthPicker, TimePicker…, the same
 * props, styles and ConfigProvider locale) whose "today" is the district's
 * (decision 0028): built the way antd builds its own, from rc-picker's dayjs
 * config, with `getNow` giving `districtNow()`. Pages import this one, not
 * antd's (ESLint says so in web/src/pages).
 */
export const DatePicker = generatePicker<Dayjs>(districtGenerateConfig);

export type { DatePickerProps, RangePickerProps } from 'antd/es/date-picker';
