/** One record as read from a dataset file, before validation. */
export type SourceRecord = {
  /** 1-based line the record starts on. */
  line: number;
  value: unknown;
  /** The line of a field inside the record, for formats that spread a case over lines (YAML). */
  lineOf?: (path: readonly PropertyKey[]) => number;
};

/** A problem before it is given its file name: printed as `file:line: field: message`. */
export type DatasetProblem = { line: number; field: string; message: string };

/** What a format parser hands to the loader: cases to validate and problems found while reading. */
export type ParsedSource = {
  defaults?: SourceRecord;
  records: SourceRecord[];
  problems: DatasetProblem[];
};
