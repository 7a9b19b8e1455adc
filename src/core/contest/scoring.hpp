#pragma once
// 评分: turning marks into aspect, component and entry scores, per DESIGN.md "Fair aggregation".
// Pure functions over values; the service loads marks from the mark log and calls these.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skb::core {

// time: a completion time in seconds (计时). Its max_mark is what the fastest earns (time-based
// scoring relative to the field, see time_scores); 0 records the time for the tie-break only.
enum class AspectKind { measurement, judgement, deduction, time };

// A measured value (a deviation in mm, a time in s) mapped to marks: the first band whose
// [from, to) holds the value gives its marks.
struct MeasureBand {
  double from = 0;
  double to = 0;
  double marks = 0;
};

struct Aspect {
  std::int64_t id = 0;
  AspectKind kind = AspectKind::measurement;
  double max_mark = 0;     // for a deduction: the points taken off when it applies
  double step = 0.5;       // measurement marks must be multiples of this
  std::vector<MeasureBand> bands;  // when set, a measurement mark is a measured value mapped by the table
  bool disqualifies = false;       // deduction: disqualification instead of points
};

// One entry's marks for one aspect, as the mark log holds them (latest amendment per judge).
struct AspectMarks {
  std::int64_t aspect_id = 0;
  std::vector<double> values;  // measurement: one value; judgement: one 0–3 score per panel judge; deduction: 1 = applies
};

struct AspectScore {
  std::int64_t aspect_id = 0;
  double score = 0;        // marks awarded (negative for a deduction)
  bool complete = false;   // enough marks to count
  bool flagged = false;    // judgement panel disagrees by more than 1 point: the chief judge decides
  bool disqualified = false;
  double panel_mean = 0;   // judgement: the (trimmed) mean on the 0–3 scale
  std::optional<double> seconds = std::nullopt;  // time: the completion time recorded (0 marks until time_scores runs)
};

// Checks a single mark as typed: measurement within [0, max] on the step (or any number when a table maps it),
// judgement an integer 0–3, deduction 0 or 1. Returns an error message, or nothing when valid.
std::optional<std::string> check_mark(const Aspect& aspect, double value);
// The value a valid mark is stored as: exactly its multiple of the step (1e-320 on a 0.5 step is 0;
// 7.4999999999 is 7.5), a judgement or deduction as a whole number; it differs from the
// value checked by at most 1e-9.
double canonical_mark(const Aspect& aspect, double value);

// Domain bounds on what an organiser declares: no task or aspect is worth more than this, no measured
// value on a table lies further from zero than kMaxMeasuredValue, no step is finer than kMinStep.
inline constexpr double kMaxMark = 1000;
inline constexpr double kMaxMeasuredValue = 1e6;
inline constexpr double kMinStep = 0.01;
inline constexpr double kMaxTaskSeconds = 86400;

// Judgement: mark = max × mean / 3, the mean trimmed (highest and lowest dropped) for panels of 5+;
// flagged when max − min of the panel exceeds 1. `min_judges` marks make it complete.
// Measurement: the value itself (clamped to [0, max]) or, with bands, the band's marks (0 outside every
// band); complete with one value; several values that differ are flagged and the first one counts.
// Deduction: a value of 1 takes max_mark off (or disqualifies when `disqualifies`); always complete,
// since no mark means it does not apply.
AspectScore score_aspect(const Aspect& aspect, const AspectMarks& marks, int min_judges = 3);

enum class ComponentKind { theory, practical };

struct ComponentScore {
  std::int64_t component_id = 0;
  ComponentKind kind = ComponentKind::practical;
  double score = 0;      // Σ aspect scores, floored at 0 (theory: the exam score)
  double max_mark = 100;
  double weight = 1;     // share of the total in weighted mode
  bool complete = false;
  bool flagged = false;
  bool disqualified = false;
  std::optional<double> seconds;  // completion time, when the task is timed (allowances taken off)
  bool timed = false;             // the task has a time aspect (a missing time then counts slowest)
};

// Σ aspect scores of one practical task.
ComponentScore sum_component(std::int64_t component_id, double max_mark, double weight, const std::vector<AspectScore>& aspects);

// Time-based scoring: the fastest completion gets full marks, the others by a linear scale down to the
// limit, over the limit none.
double time_score(double seconds, double fastest_seconds, double limit_seconds, double max_mark);

// One entrant's time on a timed aspect, for scoring the field.
struct TimedResult {
  std::optional<double> seconds;  // none: did not finish (0 marks, slowest in a tie-break)
  bool disqualified = false;      // scores nothing and does not set the benchmark
};
// time_score for every entrant against the fastest time of those not disqualified.
std::vector<double> time_scores(const std::vector<TimedResult>& field, double limit_seconds, double max_mark);

enum class TotalMode { weighted, raw_sum };

// weighted: Σ weight × (score / max × 100), weights summing to 1; raw_sum: Σ score.
double total_score(TotalMode mode, const std::vector<ComponentScore>& components);

// Rescales scores to mean 500 and standard deviation 100 (WorldSkills-style), for comparing venues.
// Population sd; when every score is the same, every result is 500.
std::vector<double> standardise(const std::vector<double>& scores);

// One entrant's component scores, for standardising a simultaneous contest venue by venue.
struct VenueComponents {
  std::int64_t venue = 0;  // entrants without a venue form one group of their own
  bool disqualified = false;
  std::vector<ComponentScore>* components = nullptr;
};
// Cross-venue fairness: each component standardised within each venue over the entrants not
// disqualified, its max_mark set to 100 so a weighted total is Σ weight × standard score.
void standardise_by_venue(const std::vector<VenueComponents>& field);

// Rounds to hundredths, the precision every result is published in: halves away from zero, after
// snapping binary noise (84.99499999999 → 84.995 → 85.00).
double round2(double value);

}  // namespace skb::core
