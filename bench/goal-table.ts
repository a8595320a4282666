import { printTable, type Cell } from './print-table.ts';

/** One goal of issue 14's benchmark table: a figure held against its limit (lower is better). */
export type Goal = { measure: string; goal: string; figure: number | undefined; limit: number; unit: 'x' | 's' | 'ms' | 'MB' | 'events/s'; anchor?: string; higherIsBetter?: boolean };

const shown = (value: number, unit: Goal['unit']) =>
  unit === 'x' ? `${value.toFixed(2)}x` : unit === 's' ? `${value.toFixed(2)} s` : unit === 'ms' ? `${value.toFixed(value >= 100 ? 0 : 2)} ms` : unit === 'MB' ? `${value.toFixed(0)} MB` : `${Math.round(value)}`;

export function goalRows(goals: Goal[]): Array<Record<string, Cell>> {
  return goals.map((goal) => {
    const met = goal.figure === undefined || Number.isNaN(goal.figure) ? undefined : goal.higherIsBetter ? goal.figure >= goal.limit : goal.figure <= goal.limit;
    return {
      measure: goal.measure,
      goal: goal.goal,
      figure: goal.figure === undefined || Number.isNaN(goal.figure) ? 'not measured' : shown(goal.figure, goal.unit),
      verdict: met === undefined ? '' : met ? 'met' : 'NOT MET',
      anchor: goal.anchor,
    };
  });
}

/** A table of goals, each with its figure and met / NOT MET. */
export function printGoals(title: string, goals: Goal[]): void {
  printTable(title, goalRows(goals));
}
