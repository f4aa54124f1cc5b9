import { Button, Popconfirm, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BookingView } from '@shared/contracts/facilities.js';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useBookings, useFacilityMutations, yuan } from './api';
import { districtSlot } from '../../components/district-time';

/** The bookings the caller asked for, with the owner's answers; cancel before the slot. */
export function MyBookings() {
  const { t } = useTranslation();
  const q = useBookings({ scope: 'mine', pageSize: 100 });
  const m = useFacilityMutations();
  const toast = useErrorToast();
  return (
    <div data-testid="my-bookings">
      <PageTitle title={t('console.menu.bookings')} />
      <ErrorAlert error={q.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('facilities.fields.name'), key: 'f', render: (_, b: BookingView) => <Link to={`/facilities/${b.facility.id}`}>{b.facility.name}</Link> },
          { title: t('facilities.fields.slotBeijing'), key: 'slot', render: (_, b: BookingView) => <span data-testid="my-booking-slot">{districtSlot(b.startsAt, b.endsAt)}</span> },
          { title: t('facilities.fields.estimatedFee'), key: 'fee', render: (_, b: BookingView) => yuan(b.estimatedFeeFen) },
          { title: t('facilities.fields.status'), key: 's', render: (_, b: BookingView) => <Tag>{t(`facilities.bookingStatuses.${b.status}`)}</Tag> },
          { title: t('facilities.fields.note'), dataIndex: 'decisionNote' },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, b: BookingView) =>
              b.actions.includes('cancel') && (
                <Popconfirm title={t('facilities.console.cancelConfirm')} onConfirm={() => m.move.mutateAsync({ move: 'cancel', id: b.id }).catch(toast)}>
                  <Button size="small" danger>{t('facilities.console.cancel')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </div>
  );
}
