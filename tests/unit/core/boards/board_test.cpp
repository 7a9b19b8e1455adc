#include "core/boards/board.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/platform/random.hpp"

using namespace skb::core;

namespace {

BoardKey k(std::uint64_t hi, std::uint64_t lo = 0) { return {hi, lo}; }

std::vector<std::int64_t> ids(const std::vector<Board::Row>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}
std::vector<std::size_t> ranks(const std::vector<Board::Row>& rows) {
  std::vector<std::size_t> out;
  for (const auto& r : rows) out.push_back(r.rank);
  return out;
}

using V = std::vector<std::int64_t>;
using R = std::vector<std::size_t>;

// The obvious model: a vector kept sorted in display order.
struct Reference {
  struct Entry {
    BoardKey key;
    std::int64_t id;
  };
  std::vector<Entry> entries;

  static bool before(const Entry& a, const Entry& b) { return a.key > b.key || (a.key == b.key && a.id < b.id); }
  auto find(std::int64_t id) {
    return std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.id == id; });
  }
  bool upsert(std::int64_t id, BoardKey key) {
    auto it = find(id);
    if (it != entries.end() && it->key == key) return false;
    if (it != entries.end()) entries.erase(it);
    Entry e{key, id};
    entries.insert(std::lower_bound(entries.begin(), entries.end(), e, before), e);
    return true;
  }
  bool erase(std::int64_t id) {
    auto it = find(id);
    if (it == entries.end()) return false;
    entries.erase(it);
    return true;
  }
  std::size_t count_above(BoardKey key) const {  // sorted, so the greater keys are a prefix
    return static_cast<std::size_t>(
        std::partition_point(entries.begin(), entries.end(), [&](const Entry& e) { return e.key > key; }) -
        entries.begin());
  }
  std::size_t position(std::int64_t id) {
    return static_cast<std::size_t>(find(id) - entries.begin());
  }
  std::vector<Board::Row> page(std::size_t offset, std::size_t limit) const {
    std::vector<Board::Row> rows;
    for (std::size_t i = offset; i < entries.size() && rows.size() < limit; ++i)
      rows.push_back({entries[i].id, entries[i].key, 1 + count_above(entries[i].key)});
    return rows;
  }
};

void expect_same_rows(const std::vector<Board::Row>& got, const std::vector<Board::Row>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].id, want[i].id) << "row " << i;
    EXPECT_EQ(got[i].key, want[i].key) << "row " << i;
    EXPECT_EQ(got[i].rank, want[i].rank) << "row " << i;
  }
}

}  // namespace

TEST(Board, SharedRanksAndDisplayOrder) {
  Board b;
  EXPECT_TRUE(b.upsert(4, k(80)));
  EXPECT_TRUE(b.upsert(3, k(90)));
  EXPECT_TRUE(b.upsert(1, k(100)));
  EXPECT_TRUE(b.upsert(2, k(90)));
  EXPECT_EQ(ids(b.top(10)), (V{1, 2, 3, 4}));  // ties by id ascending
  EXPECT_EQ(ranks(b.top(10)), (R{1, 2, 2, 4}));
  EXPECT_EQ(b.rank(3), 2u);
  EXPECT_EQ(b.rank(4), 4u);
  EXPECT_EQ(b.position(3), 2u);
  EXPECT_EQ(b.count_above(k(90)), 1u);
  EXPECT_EQ(b.count_at_or_above(k(90)), 3u);
  EXPECT_EQ(b.count_above(k(90, 1)), 1u);  // lo breaks ties of hi
  EXPECT_EQ(b.count_above(k(89, 99)), 3u);
  EXPECT_EQ(b.count_above(k(0)), 4u);
  EXPECT_EQ(ranks(b.page(2, 2)), (R{2, 4}));  // a page starting inside a tie keeps the shared rank
  EXPECT_TRUE(b.valid());
}

TEST(Board, AbsentIdsAndEmptyBoard) {
  Board b;
  EXPECT_EQ(b.rank(7), 0u);
  EXPECT_EQ(b.position(7), 0u);
  EXPECT_FALSE(b.key_of(7));
  EXPECT_FALSE(b.erase(7));
  EXPECT_TRUE(b.top(3).empty());
  EXPECT_EQ(b.count_above(k(0)), 0u);
  b.upsert(1, k(5));
  EXPECT_EQ(b.rank(7), 0u);
  EXPECT_EQ(b.position(7), 1u);  // size() when absent
  EXPECT_TRUE(b.page(1, 5).empty());
  EXPECT_TRUE(b.page(0, 0).empty());
}

TEST(Board, UpsertSameKeyMoveAndErase) {
  Board b;
  b.upsert(1, k(10));
  b.upsert(2, k(20));
  EXPECT_FALSE(b.upsert(1, k(10)));
  EXPECT_TRUE(b.upsert(1, k(30)));
  EXPECT_EQ(*b.key_of(1), k(30));
  EXPECT_EQ(ids(b.top(2)), (V{1, 2}));
  EXPECT_TRUE(b.erase(1));
  EXPECT_FALSE(b.erase(1));
  EXPECT_EQ(b.size(), 1u);
  EXPECT_EQ(b.rank(2), 1u);
  EXPECT_TRUE(b.erase(2));
  EXPECT_EQ(b.size(), 0u);
  EXPECT_TRUE(b.valid());
  EXPECT_TRUE(b.upsert(2, k(1)));  // reuses the freed slot
  EXPECT_EQ(b.rank(2), 1u);
}

TEST(Board, PagesSpanLeaves) {
  Board b;
  for (std::int64_t id = 1; id <= 300; ++id) b.upsert(id, k(static_cast<std::uint64_t>(id / 2)));  // pairs tie
  ASSERT_TRUE(b.valid());
  const auto rows = b.page(60, 10);  // crosses the first leaf boundary (64)
  ASSERT_EQ(rows.size(), 10u);
  // Display order: key 150 (id 300), then 149 (298, 299), 148 (296, 297), …
  EXPECT_EQ(rows[0].id, 241);   // key 120, second of its pair: shares rank 60 with id 240
  EXPECT_EQ(rows[0].rank, 60u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(b.position(rows[i].id), 60 + i);
    EXPECT_EQ(rows[i].rank, b.rank(rows[i].id));
  }
  EXPECT_EQ(b.page(295, 10).size(), 5u);
  EXPECT_EQ(b.page(299, 10).back().id, 1);
  EXPECT_EQ(b.page(299, 10).back().rank, 300u);  // key 0 holds only id 1
}

TEST(Board, FillsInOrderPackLeaves) {
  // Ascending and descending fills take the edge split: memory stays near the entry size.
  Board up, down;
  for (std::int64_t i = 0; i < 20000; ++i) {
    up.upsert(i, k(static_cast<std::uint64_t>(20000 - i)));
    down.upsert(i, k(static_cast<std::uint64_t>(i)));
  }
  EXPECT_TRUE(up.valid());
  EXPECT_TRUE(down.valid());
  EXPECT_LT(up.memory_bytes() / up.size(), 48u);
  EXPECT_LT(down.memory_bytes() / down.size(), 48u);
  EXPECT_EQ(up.position(0), 0u);
  EXPECT_EQ(down.position(0), 19999u);
  up.clear();
  EXPECT_EQ(up.memory_bytes(), 0u);
  EXPECT_EQ(up.size(), 0u);
  EXPECT_TRUE(up.valid());
}

TEST(Board, MoveLeavesAnEmptyBoardBehind) {
  Board a;
  a.upsert(1, k(1));
  Board b = std::move(a);
  EXPECT_EQ(b.rank(1), 1u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  EXPECT_TRUE(a.upsert(2, k(2)));
}

TEST(Board, ScoreTimeKeyOrdersScoreThenTime) {
  EXPECT_GT(score_time_key(90, 100), score_time_key(89.99, 1));
  EXPECT_GT(score_time_key(90, 99.5), score_time_key(90, 100));
  EXPECT_EQ(score_time_key(90, 100), score_time_key(90, 100));
  EXPECT_EQ(score_time_key(0.0, 0.0), score_time_key(-0.0, -0.0));
  EXPECT_GT(score_time_key(-5, 1), score_time_key(-6, 1));
  EXPECT_LT(score_time_key(std::nan(""), 1), score_time_key(-INFINITY, 1));
  EXPECT_LT(score_time_key(1, std::nan("")), score_time_key(1, INFINITY));
}

// Erasing from the top and from the bottom of a randomly filled board empties the end nodes first:
// leaves and inner nodes borrow from their one neighbour, then merge, until the root collapses.
TEST(BoardProperty, ShrinksFromBothEnds) {
  SplitMix64 rng(99);
  Board b;
  b.reserve(40000);
  for (std::int64_t id = 0; id < 40000; ++id) b.upsert(id, k(rng.next()));
  ASSERT_TRUE(b.valid());
  const auto order = ids(b.top(b.size()));
  std::size_t front = 0, back = order.size();
  for (int step = 0; front < back; ++step) {
    ASSERT_TRUE(b.erase(step % 2 == 0 ? order[front++] : order[--back]));
    if (step % 997 == 0 || back - front < 100) {
      ASSERT_TRUE(b.valid()) << "step " << step;
      if (front < back) {
        const std::size_t i = front + static_cast<std::size_t>(rng.below(static_cast<int>(back - front)));
        ASSERT_EQ(b.position(order[i]), i - front);
        ASSERT_EQ(b.rank(order[i]), i - front + 1);
      }
    }
  }
  EXPECT_EQ(b.size(), 0u);
  EXPECT_TRUE(b.valid());
}

// Thousands of random operations against the sorted-vector model, with few distinct keys (many ties)
// and enough entries for a three-level tree, splits, borrows and merges at every level.
TEST(BoardProperty, MatchesSortedVectorModel) {
  SplitMix64 rng(20261124);
  Board b;
  Reference ref;
  auto random_key = [&] { return k(rng.next() % 40, rng.next() % 3); };
  auto check_all = [&] {
    ASSERT_TRUE(b.valid());
    ASSERT_EQ(b.size(), ref.entries.size());
    expect_same_rows(b.page(0, b.size()), ref.page(0, ref.entries.size()));
  };
  // Phases: grow to ~9,000 entries, churn, shrink to a handful (merges collapse the root), churn.
  const struct { int ops; int id_range; int erase_percent; } phases[] = {
      {9000, 12000, 5}, {6000, 12000, 45}, {9000, 12000, 95}, {3000, 200, 40}};
  int op = 0;
  for (const auto& phase : phases) {
    for (int i = 0; i < phase.ops; ++i, ++op) {
      std::int64_t id = rng.below(phase.id_range) - 100;  // negative ids too
      if (rng.below(100) < phase.erase_percent) {
        if (!ref.entries.empty() && rng.below(5) != 0)  // mostly present ids, so the board shrinks
          id = ref.entries[static_cast<std::size_t>(rng.below(static_cast<int>(ref.entries.size())))].id;
        ASSERT_EQ(b.erase(id), ref.erase(id));
      } else {
        const BoardKey key = rng.below(4) == 0 && b.key_of(id) ? *b.key_of(id) : random_key();
        ASSERT_EQ(b.upsert(id, key), ref.upsert(id, key));
      }
      if (ref.entries.empty()) continue;
      const std::int64_t probe = ref.entries[static_cast<std::size_t>(rng.below(static_cast<int>(ref.entries.size())))].id;
      ASSERT_EQ(b.position(probe), ref.position(probe));
      ASSERT_EQ(b.rank(probe), 1 + ref.count_above(ref.find(probe)->key));
      const BoardKey q = random_key();
      ASSERT_EQ(b.count_above(q), ref.count_above(q));
      const auto offset = static_cast<std::size_t>(rng.below(static_cast<int>(ref.entries.size())));
      expect_same_rows(b.page(offset, 70), ref.page(offset, 70));
      if (op % 1500 == 0) check_all();
    }
    check_all();
  }
}

// competition_key must order and tie exactly as rank_entries: the board's display order and shared
// ranks equal the standings (disqualified entrants last, by id, tied among themselves).
TEST(BoardProperty, CompetitionKeyMatchesRankEntries) {
  SplitMix64 rng(7);
  auto value = [&] {  // thousandths around a few totals, so ties at hundredths are common
    const double base = static_cast<double>(rng.below(5)) * 10 - 10;
    return base + static_cast<double>(rng.below(30)) / 1000 + (rng.below(10) == 0 ? 0.005 : 0);
  };
  const TieBreak all[] = {TieBreak::practical_higher, TieBreak::theory_higher, TieBreak::time_lower};
  for (int round = 0; round < 300; ++round) {
    std::vector<TieBreak> rules;
    for (int n = rng.below(5); n > 0; --n) rules.push_back(all[rng.below(3)]);
    std::vector<RankInput> inputs;
    Board b;
    for (int i = 0, n = 1 + rng.below(120); i < n; ++i) {
      RankInput in{i * 7 - 50, value(), value(), value(), std::nullopt, rng.below(10) == 0};
      switch (rng.below(6)) {
        case 0: break;  // missing time
        case 1: in.seconds = INFINITY; break;
        case 2: in.seconds = std::nan(""); break;
        default: in.seconds = 60 + static_cast<double>(rng.below(20)) / 1000;
      }
      inputs.push_back(in);
      b.upsert(in.entry_id, competition_key(in, rules));
    }
    const auto standings = rank_entries(inputs, rules);
    const auto rows = b.top(inputs.size());
    ASSERT_EQ(rows.size(), standings.size());
    const auto ranked = static_cast<std::size_t>(
        std::count_if(standings.begin(), standings.end(), [](const Standing& s) { return s.rank > 0; }));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      ASSERT_EQ(rows[i].id, standings[i].entry_id) << "round " << round << " row " << i;
      const std::size_t want = standings[i].rank > 0 ? static_cast<std::size_t>(standings[i].rank) : ranked + 1;
      ASSERT_EQ(rows[i].rank, want) << "round " << round << " row " << i;
    }
  }
}

TEST(Board, CompetitionKeyHandWorked) {
  const std::vector<TieBreak> rules{TieBreak::time_lower, TieBreak::practical_higher};
  auto key = [&](double total, double practical, std::optional<double> seconds, bool dq = false) {
    return competition_key(RankInput{1, total, practical, 0, seconds, dq}, rules);
  };
  EXPECT_EQ(key(90.004, 1, 60), key(90.001, 1, 60));   // equal at hundredths
  EXPECT_GT(key(90.005, 1, 60), key(90.004, 1, 60));   // 90.01 vs 90.00
  EXPECT_GT(key(90, 1, 59.99), key(90, 9, 60));        // time first, then practical
  EXPECT_GT(key(90, 1, 1e6), key(90, 9, std::nullopt));  // a missing time is the slowest
  EXPECT_GT(key(-5, 0, 60), key(-5.01, 0, 60));        // deductions: negative totals order too
  EXPECT_GT(key(-1e6, 0, std::nullopt), key(100, 9, 1, true));  // disqualified after everyone
  EXPECT_EQ(key(100, 9, 1, true), key(50, 0, std::nullopt, true));
}
