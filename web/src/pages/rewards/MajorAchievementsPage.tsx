import { Button, Card, Flex, Popconfirm, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { formatFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useMajorMutations, useMajors } from '../contracts/hooks';

const COLOR: Record<string, string> = { proposed: 'processing', confirmed: 'success', rejected: 'default' };

/** The register of major achievements (重大科技成果): proposals from the criteria, reviewers' decisions, the count by year that feeds the plan. */
export function MajorAchievementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { hasPermission } = useSession();
  const q = useMajors();
  const m = useMajorMutations();
  const fail = useErrorToast();
  const decide = (id: string, confirm: boolean) => m.decide.mutateAsync({ id, body: { confirm } }).catch(fail);
  return (
    <div data-testid="majors-page">
      <PageTitle title={t('contracts.majors.title')} />
      <ErrorAlert error={q.error} />
      {q.data && (
        <Flex vertical gap={16}>
          <Card size="small" title={t('contracts.majors.byYear')}>
            <Flex gap={24} wrap>{q.data.byYear.length === 0 ? '—' : q.data.byYear.map((y) => <span key={y.year}><b>{y.year}</b>：{y.count}</span>)}</Flex>
          </Card>
          <Table rowKey="id" scroll={{ x: true }} dataSource={q.data.items} columns={[
            { title: t('contracts.rewards.achievement'), dataIndex: 'title', render: (s: string, r) => <Link to={`/achievements/${r.achievementId}`}>{s}</Link> },
            { title: t('contracts.fields.organisation'), key: 'o', render: (_, r) => r.organisation?.name ?? '—' },
            { title: t('contracts.fields.registrationNumber'), key: 'c', render: (_, r) => (r.contract ? <Link to={`/console/contracts/${r.contract.id}`}>{r.contract.registrationNumber ?? '—'}</Link> : '—') },
            { title: t('contracts.fields.techAmount'), key: 'a', align: 'right', render: (_, r) => (r.contract?.techAmountFen != null ? formatFen(r.contract.techAmountFen, locale) : '—') },
            { title: t('contracts.majors.criteria'), key: 'k', render: (_, r) => Object.keys(r.criteria).map((k) => <Tag key={k}>{t(`contracts.majors.${k}`, { defaultValue: k })}</Tag>) },
            { title: t('contracts.fields.status'), dataIndex: 'status', render: (s: 'proposed' | 'confirmed' | 'rejected') => <Tag color={COLOR[s]}>{t(`contracts.majors.status.${s}`)}</Tag> },
            { title: t('contracts.fields.registeredAt'), dataIndex: 'transformedAt', render: formatDate },
            {
              title: '',
              key: 'x',
              render: (_, r) => r.status === 'proposed' && hasPermission('decide:major') && (
                <Flex gap={8}>
                  <Button size="small" type="primary" onClick={() => void decide(r.id, true)} data-testid={`major-confirm-${r.id}`}>{t('contracts.majors.confirm')}</Button>
                  <Popconfirm title={t('contracts.majors.reject')} onConfirm={() => decide(r.id, false)}><Button size="small" danger>{t('contracts.majors.reject')}</Button></Popconfirm>
                </Flex>
              ),
            },
          ]} />
        </Flex>
      )}
    </div>
  );
}
