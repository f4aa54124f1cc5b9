import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { FeedbackEvaluationView } from '../../../shared/contracts/match-feedback.js';
import type { Config } from '../../config.js';
import { openDatabase } from '../../ops/database.js';
import { loadMatchConfig, MATCHING_CONFIG_FILE, type MatchConfig } from './engine/index.js';
import { evaluateFeedback } from './feedback-evaluation.js';

/** `progress` (optional) gets a one-line status as the judged queries are asked again: a terminal shows it in place. */
type Out = { log: (s: string) => void; err: (s: string) => void; progress?: (s: string) => void };
type Evaluation = z.output<typeof FeedbackEvaluationView>;

export const MATCH_FEEDBACK_USAGE = 'Usage: npm run cli -- match-feedback [--config <matching.json>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--max <queries>] [--json]';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `npm run cli -- match-feedback`: the engine measured against users'
 * feedback (feedback-evaluation.ts), as deployed and, with `--config`, with
 * another configuration beside it, so a change of weights is judged on the
 * platform's own users' judgements before it is deployed. Exit 0, or 2 on
 * usage errors (a configuration file that is missing or invalid included).
 */
export async function matchFeedbackCommand(config: Config, args: readonly string[], out: Out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { config: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, max: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    out.err(`${e instanceof Error ? e.message : String(e)}\n${MATCH_FEEDBACK_USAGE}`);
    return 2;
  }
  const { from, to, max, json } = parsed.values;
  const maxQueries = max === undefined ? undefined : Number(max);
  if ((from && !DATE.test(from)) || (to && !DATE.test(to)) || (maxQueries !== undefined && !(Number.isInteger(maxQueries) && maxQueries > 0))) {
    out.err(MATCH_FEEDBACK_USAGE);
    return 2;
  }
  let other: MatchConfig | undefined;
  if (parsed.values.config) {
    const file = parsed.values.config;
    if (!existsSync(file)) {
      out.err(`找不到配置文件 / No such configuration file: ${file}`);
      return 2;
    }
    try {
      other = loadMatchConfig(file);
    } catch (e) {
      out.err(`配置文件无效 / Invalid matching configuration ${file}:\n${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  const open = await openDatabase(config);
  try {
    const now = new Date();
    const base = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(maxQueries ? { maxQueries } : {}), now };
    const progress = (label: string) => (processed: number, total: number) =>
      out.progress?.(`${label}: 已重新匹配 / asked again ${processed}/${total}`);
    const deployed = await evaluateFeedback(open.db, { ...base, onProgress: progress(MATCHING_CONFIG_FILE) });
    const tried = other ? await evaluateFeedback(open.db, { ...base, config: other, onProgress: progress(parsed.values.config!) }) : undefined;
    if (json) {
      out.log(JSON.stringify(tried ? { deployed, tried } : { deployed }, null, 2));
      return 0;
    }
    out.log(`用户反馈评估 / Evaluation against users' feedback (${open.where})`);
    out.log(`${deployed.overall.queries} 个查询重新匹配 / judged queries asked again (depth ${deployed.depth}); 跳过 skipped ${deployed.skippedQueries}; 未计入 omitted ${deployed.omittedQueries}`);
    out.log(table(deployed, tried ? [MATCHING_CONFIG_FILE, parsed.values.config!] : [MATCHING_CONFIG_FILE], tried));
    return 0;
  } finally {
    await open.close();
  }
}

const ROWS: [keyof Evaluation['overall'], string][] = [
  ['useful', '有用 useful'],
  ['notUseful', '无用 not useful'],
  ['usefulInTop10Then', '有用·当时前10 useful in top 10, then'],
  ['usefulInTop10Now', '有用·现在前10 useful in top 10, now'],
  ['notUsefulInTop10Now', '无用·现在前10 not useful in top 10, now (lower is better)'],
  ['pairOrder', '有用排在无用前 useful before not useful (pairs)'],
  ['mrrAt10', 'MRR@10 (first useful)'],
];

function table(a: Evaluation, names: string[], b?: Evaluation): string {
  const cell = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4));
  const lines: string[] = [];
  const sections: [string, Evaluation['overall'], Evaluation['overall'] | undefined][] = [
    ['all', a.overall, b?.overall],
    ...a.byDirection.map((d) => [d.direction, d, b?.byDirection.find((x) => x.direction === d.direction)] as [string, Evaluation['overall'], Evaluation['overall'] | undefined]),
  ];
  for (const [title, x, y] of sections) {
    lines.push('', `${title} (${x.queries} queries, ${x.pairs} pairs)`);
    lines.push(`  ${'figure'.padEnd(58)} ${names.map((n) => n.split('/').pop()!.padStart(16)).join(' ')}`);
    for (const [key, label] of ROWS) lines.push(`  ${label.padEnd(58)} ${[cell(x[key]), ...(y ? [cell(y[key])] : [])].map((c) => c.padStart(16)).join(' ')}`);
  }
  return lines.join('\n');
}
