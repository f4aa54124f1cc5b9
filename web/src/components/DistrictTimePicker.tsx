import { forwardRef } from 'react';
import type { PickerRef } from 'rc-picker';
import type { TimePickerProps as AntdTimePickerProps, TimeRangePickerProps } from 'antd/es/time-picker';
import { DatePicker } from './DistrictDatePicker.js';

/**
 * antd's TimePicker (with `.RangePicker`) whose "now" is the district's
 * (decision 0028): the 此刻/Now button, and the hour and minute an empty panel
 * scrolls to, follow 北京时间 in any browser zone. antd builds its own
 * TimePicker from its DatePicker's `TimePicker` and `RangePicker` (with
 * `picker="time"`); this is the same, from `components/DistrictDatePicker`'s
 * DatePicker. Values are times of day held in a dayjs (read with
 * `.format('HH:mm')`), as with antd's. Pages import this one, not antd's
 * (ESLint says so in web/src/pages). antd's deprecated `addon` prop is left
 * out (`renderExtraFooter` does the same).
 */
export type TimePickerProps = Omit<AntdTimePickerProps, 'addon'>;
export type { TimeRangePickerProps };

const { TimePicker: InternalTimePicker, RangePicker: InternalRangePicker } = DatePicker;

const RangePicker = forwardRef<PickerRef, TimeRangePickerProps>((props, ref) => <InternalRangePicker {...props} picker="time" mode={undefined} ref={ref} />);
RangePicker.displayName = 'DistrictTimePicker.RangePicker';

const SingleTimePicker = forwardRef<PickerRef, TimePickerProps>((props, ref) => (
  <InternalTimePicker {...(props as object)} mode={undefined} {...({ ref } as object)} />
));
SingleTimePicker.displayName = 'DistrictTimePicker';

export const TimePicker = Object.assign(SingleTimePicker, { RangePicker });
