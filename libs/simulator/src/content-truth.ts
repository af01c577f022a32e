/** Room-level ground truth of the content scenarios (review suppression, minor protection, text risks). */
export interface ContentLabel {
  /** Proto enum name, e.g. "RISK_CATEGORY_REVIEW_SUPPRESSION". */
  category: string;
  subcategory: string;
  /** The account the violation is about; empty when it is about the room. */
  subjectUserId: string;
  /** Event time the violation starts (for streamer facts: the room-start event). */
  startMs: number;
}

export interface ContentRoomTruth {
  roomId: string;
  /** Scenario name, e.g. "selective_deletion", "consented_minor". */
  scenario: string;
  startMs: number;
  endMs: number;
  labels: ContentLabel[];
  /** Scenario knobs (deletion rates, ages, bot counts), for drill-down. */
  params: Record<string, number | string | boolean>;
}
