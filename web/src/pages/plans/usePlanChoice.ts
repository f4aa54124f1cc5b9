import { useSearchParams } from 'react-router';
import { usePlans } from '../../api/hooks/plans';

/**
 * The plan a page works on: `?plan=<id>` when given, else the newest active
 * plan, else the newest. Keeps the choice in the URL so links can be shared.
 */
export function usePlanChoice() {
  const [params, setParams] = useSearchParams();
  const list = usePlans();
  const items = list.data?.items ?? [];
  const wanted = params.get('plan');
  const plan = items.find((p) => p.id === wanted) ?? items.find((p) => p.status === 'active') ?? items[0] ?? null;
  const setPlan = (id: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('plan', id);
        next.delete('year');
        return next;
      },
      { replace: true },
    );
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : undefined;
  const setYear = (y: number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (y) next.set('year', String(y));
        else next.delete('year');
        return next;
      },
      { replace: true },
    );
  return { list, plans: items, plan, setPlan, year, setYear };
}

/** Calendar years a plan covers. */
export function planYears(plan: { startDate: string; endDate: string } | null): number[] {
  if (!plan) return [];
  const from = Number(plan.startDate.slice(0, 4));
  const to = Number(plan.endDate.slice(0, 4));
  const out: number[] = [];
  for (let y = from; y <= to; y += 1) out.push(y);
  return out;
}
