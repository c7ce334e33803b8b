/** How a name was resolved; `unresolved` names must be shown to the reviewer, never dropped. */
export type ResolutionStatus = 'exact' | 'alias' | 'fuzzy' | 'collective' | 'unresolved';

/** Why: lets the import flow tell "confirm this guess" from "choose the units yourself". */
export type ResolutionReason =
  /** the official name */
  | 'exact_name'
  /** a registered alias */
  | 'alias'
  /** equal once script (traditional), punctuation and place-name prefixes are folded */
  | 'normalized_equal'
  /** one clearly best similar candidate */
  | 'similar'
  /** several candidates score almost the same */
  | 'ambiguous'
  /** 各县（市、区） and the like: every county-level unit */
  | 'county_collective'
  /** 各县（市、区）教育局 and the like: the matching unit in every county */
  | 'county_collective_units'
  /** 县（市、区）教研室: the per-county unit is not in the registry, expanded to the county governments */
  | 'county_collective_unit_unknown'
  /** 各有关部门, 州级有关部门 …: a collective the coordinator must turn into concrete units */
  | 'needs_coordinator_choice'
  /** a provincial or national body (省教育厅, 教育部): not a unit of this jurisdiction */
  | 'outside_jurisdiction'
  /** nothing scored above the threshold */
  | 'no_match'
  /** blank input */
  | 'empty';

export interface ResolutionMatch {
  readonly code: string;
  readonly name: string;
  /** Confidence in [0, 1]; 1 for exact, alias and collective members. */
  readonly score: number;
}

export interface Resolution {
  readonly status: ResolutionStatus;
  readonly reason: ResolutionReason;
  /** The text as given (original script kept). */
  readonly input: string;
  /** Best first; empty for unresolved and for collectives that need the coordinator's choice. */
  readonly matches: readonly ResolutionMatch[];
  /** One line for the reviewer, in Simplified Chinese; absent for exact matches. */
  readonly note?: string;
}
