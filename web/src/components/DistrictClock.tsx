import { ClockCircleOutlined } from '@ant-design/icons';
import { Grid, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserOutsideDistrict, districtTime } from './district-time';

/**
 * In the console's header, only for a browser outside the district's zone:
 * the time in 北京时间, which every date and time on the platform is shown
 * and taken in (decision 0028), so nobody reads a deadline in their own
 * zone's hours. (Not in the portal's header, whose menu it would crowd; the
 * portal's booking form says it beside its field.)
 */
export function DistrictClock() {
  const { t } = useTranslation();
  // Phone widths keep the header to the essentials; forms there still say 北京时间 beside their fields.
  const wide = Grid.useBreakpoint().sm ?? true;
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!wide || !browserOutsideDistrict()) return null;
  return (
    <Tooltip title={t('common.districtTimeHint')}>
      <Tag icon={<ClockCircleOutlined />} bordered={false} data-testid="district-clock">
        {t('common.districtTime', { time: districtTime(now, 'HH:mm') })}
      </Tag>
    </Tooltip>
  );
}
