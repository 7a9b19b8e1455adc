#pragma once
// 竞赛: levels, the life cycle of a competition, and how an event totals its components.
#include <optional>
#include <string_view>
#include <vector>

#include "core/contest/ranking.hpp"
#include "core/contest/scoring.hpp"

namespace skb::core {

enum class CompetitionLevel { enterprise, industry, city, province, national };
enum class CompetitionStatus { draft, registration, running, marking_closed, published };

std::string_view to_code(CompetitionLevel level);
std::optional<CompetitionLevel> parse_competition_level(std::string_view code);
std::string_view to_code(CompetitionStatus status);
std::optional<CompetitionStatus> parse_competition_status(std::string_view code);
// Forward one step at a time; a running competition may also go back to registration (late entries).
bool may_move(CompetitionStatus from, CompetitionStatus to);

std::string_view to_code(AspectKind kind);
std::optional<AspectKind> parse_aspect_kind(std::string_view code);
std::string_view to_code(ComponentKind kind);
std::optional<ComponentKind> parse_component_kind(std::string_view code);
std::string_view to_code(TotalMode mode);
std::optional<TotalMode> parse_total_mode(std::string_view code);
std::string_view to_code(TieBreak rule);
std::optional<TieBreak> parse_tie_break(std::string_view code);

// A marking scheme as the organiser declares it, for validation before it is saved.
struct SchemeComponent {
  ComponentKind kind = ComponentKind::practical;
  double max_mark = 100;
  double weight = 1;
  std::vector<Aspect> aspects;
  std::optional<double> time_limit_seconds;
};

struct SchemeProblem {
  int component = -1;  // index, -1 = the scheme as a whole
  int aspect = -1;
  std::string code;  // stable: scheme_empty, max_not_positive, weight_out_of_range, no_aspects,
                     // aspect_max_not_positive, step_not_positive, aspect_sum_mismatch, weights_not_one,
                     // max_too_large / aspect_max_too_large (over kMaxMark), step_out_of_range (finer than
                     // kMinStep or coarser than the aspect), band_out_of_range, time_limit_out_of_range,
                     // time_needs_limit (a time aspect worth marks in a component without a time
                     // limit), too_many_times (more than one time aspect in a component),
                     // panel_too_small (a judgement aspect in an event that completes panels of fewer
                     // than kMinJudgementPanel judges)
  std::string message;
};

// A judgement (0–3) is only fair from a panel: at least three judges mark each judgement aspect.
inline constexpr int kMinJudgementPanel = 3;

// Aspect maxima (deductions excluded) add up to the component's maximum; weights sum to 1 in weighted
// mode; every component has at least one aspect; maxima and steps are positive; judgement aspects only
// where the event's panels (`min_judges`, the marks that complete a judgement) have three judges or more.
std::vector<SchemeProblem> validate_scheme(TotalMode mode, const std::vector<SchemeComponent>& components, int min_judges);

}  // namespace skb::core
