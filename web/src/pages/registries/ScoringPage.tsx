import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { exportScoring, getScoring, SCORE_CRITERIA, setAssessment, setScoring } from '@shared/contracts/registries.js';
import type { ResponseOf } from '@shared/contracts/endpoint.js';
import { api, download } from '../../api/client';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { EChart } from '../../components/EChart';
import { PageTitle } from '../../components/PageTitle';
import { districtYear } from '../../components/district-time';

type Criterion = (typeof SCORE_CRITERIA)[number];
type Scores = Record<Criterion, number>;
type View = ResponseOf<typeof getScoring>;
type ScoreRow = View['rows'][number];

/** Weighted total 0–100 to one decimal, as the server computes it (server/modules/registries/scoring.ts). */
const weighted = (w: Scores, s: Scores) => Math.round(SCORE_CRITERIA.reduce((a, c) => a + (w[c] * s[c]) / 100, 0) * 10) / 10;
const RED = '#cf1322';

/**
 * The bureau's scoring of demonstration institutions for a year: the scheme
 * (weights summing to 100, pass mark), each institution's criterion scores
 * with the weighted total as they are typed, the ranking on a bar chart with
 * those below standard in red, and the XLSX export.
 */
export function ScoringPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [year, setYear] = useState(districtYear());
  const view = useQuery({ queryKey: ['registries', 'scoring', year], queryFn: () => api(getScoring, { params: { year } }) });
  // The scheme as being edited (null: as saved), and the scores typed but not saved, by institution.
  const [scheme, setScheme] = useState<{ weights: Scores; passMark: number } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { scores: Partial<Scores>; note: string }>>({});
  const weights = scheme?.weights ?? ((view.data?.weights as Scores | undefined) ?? null);
  const passMark = scheme?.passMark ?? view.data?.passMark ?? null;
  const setWeights = (w: Scores) => setScheme({ weights: w, passMark: passMark ?? 0 });
  const setPassMark = (p: number) => setScheme({ weights: weights!, passMark: p });
  const changeYear = (y: number) => {
    setYear(y);
    setScheme(null);
    setDrafts({});
  };
  const put = (v: View) => qc.setQueryData(['registries', 'scoring', year], v);
  const saveScheme = useMutation({
    mutationFn: () => api(setScoring, { params: { year }, body: { weights: weights!, passMark: passMark! } }),
    onSuccess: (v) => { put(v); setScheme(null); ok(t('registries.scoring.schemeSaved')); },
    onError: fail,
  });
  const saveScores = useMutation({
    mutationFn: async (r: ScoreRow) => {
      const d = drafts[r.institution.id]!;
      await api(setAssessment, { params: { id: r.institution.id, year }, body: { scores: { ...(r.scores ?? {}), ...d.scores } as Scores, note: d.note.trim() || null } });
      return api(getScoring, { params: { year } });
    },
    onSuccess: (v, r) => {
      put(v);
      setDrafts(({ [r.institution.id]: _, ...rest }) => rest);
      ok(t('registries.scoring.scored', { name: r.institution.name }));
    },
    onError: fail,
  });

  const data = view.data;
  const sum = weights ? SCORE_CRITERIA.reduce((a, c) => a + (weights[c] ?? 0), 0) : 0;
  const schemeChanged = !!data && !!weights && (passMark !== data.passMark || SCORE_CRITERIA.some((c) => weights[c] !== (data.weights as Scores)[c]));
  const ranked = useMemo(
    () => (data?.rows ?? []).filter((r) => r.total !== null).sort((a, b) => b.total! - a.total! || a.institution.name.localeCompare(b.institution.name, 'zh-CN')),
    [data],
  );
  const below = ranked.filter((r) => r.belowStandard).length;
  const chart = useMemo(() => {
    const rows = [...ranked].reverse(); // lowest at the bottom of a horizontal bar chart
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 28, bottom: 20, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: rows.map((r) => r.institution.name), axisLabel: { width: 220, overflow: 'truncate' } },
      series: [{
        type: 'bar',
        barMaxWidth: 24,
        data: rows.map((r) => ({ value: r.total, itemStyle: { color: r.belowStandard ? RED : '#1677ff' } })),
        label: { show: true, position: 'right' },
        markLine: data ? { symbol: 'none', lineStyle: { color: RED, type: 'dashed' }, label: { formatter: `${t('registries.scoring.passMark')} ${data.passMark}` }, data: [{ xAxis: data.passMark }] } : undefined,
      }],
    };
  }, [ranked, data, t]);

  const draftOf = (r: ScoreRow) => drafts[r.institution.id];
  const scoreOf = (r: ScoreRow, c: Criterion): number | null => draftOf(r)?.scores[c] ?? r.scores?.[c] ?? null;
  const liveTotal = (r: ScoreRow): number | null => {
    const s = SCORE_CRITERIA.map((c) => scoreOf(r, c));
    if (!data || s.some((x) => x === null)) return r.total;
    return weighted(data.weights as Scores, Object.fromEntries(SCORE_CRITERIA.map((c, i) => [c, s[i]])) as Scores);
  };
  const edit = (r: ScoreRow, patch: { scores?: Partial<Scores>; note?: string }) =>
    setDrafts((all) => {
      const cur = all[r.institution.id] ?? { scores: {}, note: r.note ?? '' };
      return { ...all, [r.institution.id]: { scores: { ...cur.scores, ...patch.scores }, note: patch.note ?? cur.note } };
    });
  const complete = (r: ScoreRow) => SCORE_CRITERIA.every((c) => scoreOf(r, c) !== null);

  return (
    <div data-testid="scoring-page">
      <PageTitle
        title={t('registries.scoring.title')}
        extra={
          <Space wrap>
            <span>{t('registries.scoring.year')}</span>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && changeYear(v)} data-testid="scoring-year" />
            <Button icon={<DownloadOutlined />} onClick={() => download(exportScoring, undefined, `scoring-${year}.xlsx`, { year }).catch(fail)} data-testid="scoring-export">
              {t('registries.scoring.export')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={view.error} />
      {data && weights && (
        <Card size="small" title={t('registries.scoring.weights')} style={{ marginBottom: 12 }}
          extra={data.isDefault ? <Tag>{t('registries.scoring.defaultScheme')}</Tag> : null}>
          <Flex gap={16} wrap align="end">
            {SCORE_CRITERIA.map((c) => (
              <Space key={c} direction="vertical" size={2}>
                <Typography.Text type="secondary">{t(`registries.scoring.criteria.${c}`)}</Typography.Text>
                <InputNumber min={0} max={100} value={weights[c]} onChange={(v) => setWeights({ ...weights, [c]: v ?? 0 })} style={{ width: 90 }} data-testid={`weight-${c}`} />
              </Space>
            ))}
            <Space direction="vertical" size={2}>
              <Typography.Text type="secondary">{t('registries.scoring.passMark')}</Typography.Text>
              <InputNumber min={0} max={100} value={passMark} onChange={(v) => setPassMark(v ?? 0)} style={{ width: 90 }} data-testid="pass-mark" />
            </Space>
            <Typography.Text type={sum === 100 ? 'secondary' : 'danger'} data-testid="weights-sum">{t('registries.scoring.weightsSum', { sum })}</Typography.Text>
            <Button type="primary" disabled={!schemeChanged || sum !== 100} loading={saveScheme.isPending} onClick={() => saveScheme.mutate()} data-testid="scheme-save">
              {t('registries.scoring.saveScheme')}
            </Button>
          </Flex>
        </Card>
      )}
      {data && data.rows.length === 0 && <Alert type="info" showIcon message={t('registries.scoring.none')} />}
      {ranked.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}
          title={t('registries.scoring.ranking', { year })}
          extra={below > 0 ? <Tag color="red" data-testid="below-count">{t('registries.scoring.belowCount', { count: below })}</Tag> : null}>
          <EChart option={chart} height={Math.max(160, ranked.length * 36 + 40)} testId="scoring-chart" />
        </Card>
      )}
      {data && data.rows.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('registries.scoring.scoreHint')}</Typography.Paragraph>
          <Table<ScoreRow>
            rowKey={(r) => r.institution.id}
            size="small"
            scroll={{ x: true }}
            loading={view.isFetching}
            dataSource={data.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
            onRow={(r) => ({ style: r.belowStandard ? { background: '#fff1f0' } : undefined, 'data-testid': 'scoring-row', 'data-below': String(r.belowStandard) }) as never}
            columns={[
              { key: 'name', title: t('registries.scoring.institution'), fixed: 'left', width: 220, render: (_, r) => <Link to={`/console/registries/institutions/${r.institution.id}`}>{r.institution.name}</Link> },
              { key: 'level', title: t('registries.scoring.level'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{t(`registries.levels.${r.recognitionLevel}`)}</span> },
              ...SCORE_CRITERIA.map((c) => ({
                key: c,
                title: `${t(`registries.scoring.criteria.${c}`)} (${(data.weights as Scores)[c]})`,
                render: (_: unknown, r: ScoreRow) => (
                  <InputNumber min={0} max={100} precision={1} style={{ width: 80 }} value={scoreOf(r, c)} onChange={(v) => edit(r, { scores: { [c]: v ?? undefined } })} data-testid={`score-${c}`} />
                ),
              })),
              { key: 'total', title: t('registries.scoring.total'), width: 150, render: (_, r) => {
                const total = liveTotal(r);
                if (total === null) return <Tag>{t('registries.scoring.notAssessed')}</Tag>;
                const low = total < data.passMark;
                return <Space size={4} style={{ whiteSpace: 'nowrap' }}><Typography.Text strong type={low ? 'danger' : undefined} data-testid="score-total">{total}</Typography.Text>{low && <Tag color="red">{t('registries.scoring.below')}</Tag>}</Space>;
              } },
              { key: 'note', title: t('registries.scoring.note'), render: (_, r) => <Input style={{ width: 180 }} maxLength={2000} value={draftOf(r)?.note ?? r.note ?? ''} onChange={(e) => edit(r, { note: e.target.value })} /> },
              { key: 'x', title: t('common.actions'), render: (_, r) => (
                <Button type="primary" size="small" disabled={!draftOf(r) || !complete(r)} loading={saveScores.isPending && saveScores.variables?.institution.id === r.institution.id}
                  onClick={() => saveScores.mutate(r)} data-testid="score-save">{t('registries.scoring.save')}</Button>
              ) },
            ]}
          />
        </>
      )}
    </div>
  );
}
