/** A rollup run; `fromDate` (YYYY-MM-DD, local) recomputes from that day on, default every day still in raw readings. */
export interface RollupJobData {
  fromDate?: string;
}
