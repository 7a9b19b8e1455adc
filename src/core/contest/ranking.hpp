#pragma once
// 排名: standings with declared tie-break rules. Entrants still tied share a rank and the next places
// stay empty (1, 2, 2, 4). Scores compare at published precision (hundredths), so float noise never
// splits a tie.
#include <cstdint>
#include <optional>
#include <vector>

namespace skb::core {

enum class TieBreak { practical_higher, theory_higher, time_lower };

struct RankInput {
  std::int64_t entry_id = 0;
  double total = 0;
  double practical = 0;
  double theory = 0;
  std::optional<double> seconds;  // total time; missing counts as slowest
  bool disqualified = false;      // ranked after everyone else, without a rank
};

struct Standing {
  std::int64_t entry_id = 0;
  int rank = 0;  // 0 = unranked (disqualified)
  double total = 0;   // round2 of the input total, as published
  bool tied = false;  // shares its rank with another entrant
};

// Order: total desc, then each rule in turn (time: fewer seconds first), then entry_id for still-tied
// entrants; the disqualified last, by entry_id.
std::vector<Standing> rank_entries(std::vector<RankInput> inputs, const std::vector<TieBreak>& rules);

// Advancement: top N, or top p% (rounded up), of the ranked entrants; ties at the cut all advance.
// Both given: the smaller cut. Neither: every ranked entrant. Returned in `standings` order.
std::vector<std::int64_t> advancing(const std::vector<Standing>& standings, std::optional<int> top_n,
                                    std::optional<double> top_percent);

}  // namespace skb::core
