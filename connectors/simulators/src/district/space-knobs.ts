/**
 * How plausible the district's space is, and the knobs tests turn to build the extreme cases (issue 18,
 * point 4). Every knob is a share in [0, 1], so it holds at any scale; counts round to whole buildings
 * or agencies. The defaults give what a bureau's ledger looks like: a few percent of each building idle
 * with a couple of buildings the idle-space report should catch, a minority of agencies over standard
 * with one or two far over, and a few buildings whose title is not yet registered to the bureau.
 */
export interface SpaceKnobs {
  /**
   * Share of a building's office area left idle (闲置), each building drawn between half and one and a
   * half times it. Offices are about half a building's usable area, so 0.05 is about 2–4 % of it idle.
   * Default 0.05.
   */
  idleOfficeShare: number;
  /** Share of buildings that are idle-space outliers, with 30–45 % of their office area idle. Default 0.08 (2 of 24). */
  idleOutlierShare: number;
  /** Share of agencies given 12–30 % more office area than their standard. Default 0.1 (4 of 40). */
  overStandardShare: number;
  /** Share of agencies given 50–80 % more than their standard, on top of the over-standard ones. Default 0.05 (2 of 40). */
  farOverStandardShare: number;
  /** Share of buildings whose ownership is not registered to the bureau (PENDING or UNREGISTERED). Default 0.125 (3 of 24). */
  unregisteredBuildingShare: number;
}

export const SPACE_DEFAULTS: SpaceKnobs = {
  idleOfficeShare: 0.05,
  idleOutlierShare: 0.08,
  overStandardShare: 0.1,
  farOverStandardShare: 0.05,
  unregisteredBuildingShare: 0.125,
};

/** How many of `total` a share makes: rounded, so a share of 0.08 of 24 is 2. */
export const shareOf = (share: number, total: number) => Math.round(share * total);
