import { PaperClipOutlined } from '@ant-design/icons';
import { Empty, Timeline as AntTimeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '@shared/contracts/matchmaking.js';
import { formatDateTime } from '../../components/format';

type Event = CaseView['events'][number];
const COLORS: Record<string, string> = { message: 'blue', file: 'blue', status: 'green', broker: 'purple', reminder: 'orange', escalation: 'red' };

/** The case's timeline, oldest first: messages, files, status moves, broker changes, reminders. */
export function CaseTimeline({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  if (view.events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const who = (e: Event) => {
    const side = e.side === 'initiator' ? view.initiator.organisation.name : e.side === 'counterpart' ? view.counterpart.organisation.name : t(`cases.sides.${e.side}`);
    return e.actor ? `${e.actor.displayName} · ${side}` : side;
  };
  return (
    <AntTimeline
      data-testid="case-timeline"
      items={view.events.map((e) => ({
        key: e.id,
        color: COLORS[e.type] ?? 'gray',
        children: (
          <div data-testid={`event-${e.type}`}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.createdAt)} · {who(e)}</Typography.Text>
            {e.type === 'status' && e.toStatus && (
              <div><Typography.Text strong>{e.fromStatus ? `${t(`cases.status.${e.fromStatus}`)} → ` : ''}{t(`cases.status.${e.toStatus}`)}</Typography.Text></div>
            )}
            {(e.type === 'reminder' || e.type === 'escalation' || e.type === 'broker') && <div><Typography.Text strong>{t(`cases.events.${e.type}`)}</Typography.Text></div>}
            {e.body && <div className="cg-pre">{e.body}</div>}
            {e.file && (
              <div>
                <a href={`/api/v1/matchmaking/cases/${view.id}/files/${e.file.id}`} data-testid={`case-file-${e.file.id}`}>
                  <PaperClipOutlined /> {e.file.filename}
                </a>{' '}
                <Typography.Text type="secondary">({Math.max(1, Math.round(e.file.sizeBytes / 1024))} KB)</Typography.Text>
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
