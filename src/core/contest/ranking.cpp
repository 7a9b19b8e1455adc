#include "core/contest/ranking.hpp"

#include <algorithm>
#include <cmath>

#include "core/contest/scoring.hpp"

namespace skb::core {

namespace {

// Three-way comparison of two entrants under the published total and the declared rules:
// < 0 when a ranks above b, 0 when they stay tied, > 0 when b ranks above a.
int compare(const RankInput& a, const RankInput& b, const std::vector<TieBreak>& rules) {
  auto higher_first = [](double x, double y) {
    const double rx = round2(x), ry = round2(y);
    return rx > ry ? -1 : (rx < ry ? 1 : 0);
  };
  if (int c = higher_first(a.total, b.total)) return c;
  for (TieBreak rule : rules) {
    int c = 0;
    switch (rule) {
      case TieBreak::practical_higher: c = higher_first(a.practical, b.practical); break;
      case TieBreak::theory_higher: c = higher_first(a.theory, b.theory); break;
      case TieBreak::time_lower: {
        // Missing (or unreadable) times count as the slowest.
        const bool has_a = a.seconds && std::isfinite(*a.seconds);
        const bool has_b = b.seconds && std::isfinite(*b.seconds);
        if (has_a != has_b) c = has_a ? -1 : 1;
        else if (has_a) c = -higher_first(*a.seconds, *b.seconds);
        break;
      }
    }
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace

std::vector<Standing> rank_entries(std::vector<RankInput> inputs, const std::vector<TieBreak>& rules) {
  auto out_of_competition = std::stable_partition(inputs.begin(), inputs.end(),
                                                  [](const RankInput& in) { return !in.disqualified; });
  std::sort(inputs.begin(), out_of_competition, [&](const RankInput& a, const RankInput& b) {
    const int c = compare(a, b, rules);
    return c != 0 ? c < 0 : a.entry_id < b.entry_id;
  });
  std::sort(out_of_competition, inputs.end(),
            [](const RankInput& a, const RankInput& b) { return a.entry_id < b.entry_id; });

  std::vector<Standing> standings;
  standings.reserve(inputs.size());
  const auto ranked = static_cast<std::size_t>(out_of_competition - inputs.begin());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const RankInput& in = inputs[i];
    Standing s{in.entry_id, 0, round2(in.total), false};
    if (i < ranked) {
      if (i > 0 && compare(inputs[i - 1], in, rules) == 0) {
        s.rank = standings.back().rank;
        s.tied = true;
        standings.back().tied = true;
      } else {
        s.rank = static_cast<int>(i) + 1;  // competition ranking: 1, 2, 2, 4
      }
    }
    standings.push_back(s);
  }
  return standings;
}

std::vector<std::int64_t> advancing(const std::vector<Standing>& standings, std::optional<int> top_n,
                                    std::optional<double> top_percent) {
  std::vector<int> ranks;
  for (const Standing& s : standings)
    if (s.rank > 0) ranks.push_back(s.rank);
  std::sort(ranks.begin(), ranks.end());

  const auto count = static_cast<long long>(ranks.size());
  long long places = count;  // no cut declared: every ranked entrant
  if (top_n) places = std::min<long long>(places, *top_n);
  if (top_percent) {
    const double share = std::isfinite(*top_percent) ? std::clamp(*top_percent, 0.0, 100.0) : 0.0;
    // 1e-9 keeps 30% of 10 at 3 places when the product comes out as 3.0000000000000004.
    places = std::min(places, static_cast<long long>(std::ceil(share * static_cast<double>(count) / 100 - 1e-9)));
  }

  std::vector<std::int64_t> ids;
  if (places <= 0) return ids;
  const int cut_rank = ranks[static_cast<std::size_t>(places - 1)];  // everyone tied at the cut goes through
  for (const Standing& s : standings)
    if (s.rank > 0 && s.rank <= cut_rank) ids.push_back(s.entry_id);
  return ids;
}

}  // namespace skb::core
