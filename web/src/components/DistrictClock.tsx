import { ClockCircleOutlined } from '@ant-design/icons';
import { Grid, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentMinute } from './district-clock';
import { browserOutsideDistrict, districtClockText, districtTime } from './district-time';

type Breakpoint = 'sm' | 'md' | 'lg' | 'xl' | 'xxl';

/**
 * The district's date and time in a header (`北京时间 11月28日 14:05` /
 * `Beijing time Nov 28 14:05`), the zone every date and time on the platform
 * is shown and taken in (decision 0028). Turns with the minute
 * (`useCurrentMinute`: one timer for the page). In a browser in another zone
 * it is marked and its tooltip says so; in the district's zone it is a plain
 * clock. Hidden below `minWidth` (antd's breakpoints), and below `dateFrom`
 * only the time shows (`北京时间 14:05`, the date in the tooltip): the console
 * shows it all from `sm`; the portal, whose menu would otherwise fold two
 * entries into "…" on a 1280–1440 px laptop, the time from `xl` and the date
 * from `xxl`. The menu drawers of narrow screens carry it too, with the date (`"none"`: at any width).
 */
export function DistrictClock({ minWidth = 'sm', dateFrom = 'sm', testId = 'district-clock' }: { minWidth?: Breakpoint | 'none'; dateFrom?: Breakpoint | 'none'; testId?: string }) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const minute = useCurrentMinute();
  if (minWidth !== 'none' && screens[minWidth] === false) return null;
  const outside = browserOutsideDistrict();
  const full = t('common.districtTime', { time: districtClockText(minute, i18n.language) });
  const withDate = dateFrom === 'none' || screens[dateFrom] !== false;
  const hint = t(outside ? 'common.districtTimeHint' : 'common.districtTimeNote');
  return (
    <Tooltip title={withDate ? hint : <>{full}<br />{hint}</>}>
      <Tag icon={<ClockCircleOutlined />} bordered={false} color={outside ? 'orange' : undefined} data-testid={testId} data-outside={outside ? 'true' : 'false'}>
        {withDate ? full : t('common.districtTime', { time: districtTime(minute, 'HH:mm') })}
      </Tag>
    </Tooltip>
  );
}
