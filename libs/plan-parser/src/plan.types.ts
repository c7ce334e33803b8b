/** The JSON shape of a parsed plan, exactly as /work/shared/contracts/plan-parse.md describes it. */

export type ItemKind = 'task' | 'heading';

export type Recurrence = 'annual' | 'semester' | 'quarterly' | 'monthly' | 'weekly' | 'ongoing' | 'long-term';

export type Comparator = '>=' | '>' | '<=' | '=' | '~';

export type Script = 'simplified' | 'traditional';

export interface PlanTarget {
  indicator: string;
  value: number;
  unit: string;
  comparator: Comparator;
  year: number | null;
  text: string;
}

export interface PlanDepartments {
  lead: string[];
  support: string[];
}

export interface PlanItem {
  path: string;
  kind: ItemKind;
  title: string;
  text: string;
  departments: PlanDepartments;
  deadline: string | null;
  deadlineText: string | null;
  recurrence: Recurrence | null;
  targets: PlanTarget[];
  source: { line: number };
}

export interface PlanPeriod {
  start: number;
  end: number;
}

export interface ParsedPlan {
  title: string | null;
  issuers: string[];
  docNumber: string | null;
  issueDate: string | null;
  period: PlanPeriod | null;
  script: Script;
  items: PlanItem[];
}

export interface PlanInput {
  bytes: Buffer;
  fileName: string;
}
