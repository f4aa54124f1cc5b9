import { ClockCircleOutlined } from '@ant-design/icons';
import { Grid, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentMinute } from './district-clock';
import { browserOutsideDistrict, districtClockText } from './district-time';

/**
 * The district's date and time in a header (`北京时间 11月28日 14:05` /
 * `Beijing time Nov 28 14:05`), the zone every date and time on the platform
 * is shown and taken in (decision 0028). Turns with the minute
 * (`useCurrentMinute`: one timer for the page). In a browser in another zone
 * it is marked and its tooltip says so; in the district's zone it is a plain
 * clock. Hidden below `minWidth` (antd's breakpoints): the console keeps it
 * from `sm`, the portal, whose menu needs the room, from `xl`.
 */
export function DistrictClock({ minWidth = 'sm' }: { minWidth?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const minute = useCurrentMinute();
  if (screens[minWidth] === false) return null;
  const outside = browserOutsideDistrict();
  return (
    <Tooltip title={t(outside ? 'common.districtTimeHint' : 'common.districtTimeNote')}>
      <Tag icon={<ClockCircleOutlined />} bordered={false} color={outside ? 'orange' : undefined} data-testid="district-clock" data-outside={outside ? 'true' : 'false'}>
        {t('common.districtTime', { time: districtClockText(minute, i18n.language) })}
      </Tag>
    </Tooltip>
  );
}
