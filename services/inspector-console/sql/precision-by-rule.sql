-- Precision by rule set, category and subcategory from inspectors' verdicts
-- (issue 18). Each alert counts once, with the latest verdict it received.
-- precision = confirmed / (confirmed + false positive); "needs more evidence"
-- is neither, so it is reported beside them and left out of the ratio (NaN
-- while an alert group has no decisive verdict yet). Runs on ClickHouse 18.16
-- and current releases; paste it into a dashboard's ClickHouse data source
-- with the archive's database as the default one.
SELECT
  model_version AS rule_set,
  category,
  subcategory,
  countIf(verdict = 'VERDICT_CONFIRMED') AS confirmed,
  countIf(verdict = 'VERDICT_FALSE_POSITIVE') AS false_positive,
  countIf(verdict = 'VERDICT_NEEDS_MORE_EVIDENCE') AS needs_more_evidence,
  confirmed / (confirmed + false_positive) AS precision
FROM
(
  SELECT alert_id, argMax(verdict, reviewed_at_ms) AS verdict
  FROM feedback FINAL
  GROUP BY alert_id
)
ANY INNER JOIN
(
  SELECT alert_id, model_version, category, subcategory
  FROM alerts FINAL
)
USING alert_id
GROUP BY rule_set, category, subcategory
ORDER BY category, subcategory, rule_set
