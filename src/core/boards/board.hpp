#pragma once
// 榜单: an in-memory ranking board for millions of entries. Entries are kept in display order (key
// descending, then id ascending) by an order-statistic B+tree, so upsert, erase, rank, position,
// count_above and finding a page are O(log n) (a page then costs O(limit) more). 42–47 bytes an
// entry at a million entries (bench/RESULTS.md). Like a standard container: const members may run
// concurrently, anything else needs exclusive access.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/contest/ranking.hpp"

namespace skb::core {

// Sort key: a larger key places higher. Compared lexicographically (hi, then lo).
struct BoardKey {
  std::uint64_t hi = 0, lo = 0;
  friend auto operator<=>(const BoardKey&, const BoardKey&) = default;
};

class Board {
 public:
  struct Row {
    std::int64_t id = 0;
    BoardKey key;
    std::size_t rank = 0;  // shared: 1, 2, 2, 4
  };
  // Bucket numbers and subtree counts are 32-bit; this keeps the id table's size below 2^32.
  static constexpr std::size_t max_entries = std::size_t{1} << 30;

  Board();
  ~Board();
  Board(Board&&) noexcept;
  Board& operator=(Board&&) noexcept;
  Board(const Board&) = delete;  // megabytes of nodes: copy only on purpose (not offered yet)
  Board& operator=(const Board&) = delete;

  bool upsert(std::int64_t id, BoardKey key);  // insert or move; false when the key is unchanged
  bool erase(std::int64_t id);                 // false when absent
  std::optional<BoardKey> key_of(std::int64_t id) const;
  std::size_t rank(std::int64_t id) const;             // 1 + entries with a strictly greater key; 0 when absent
  std::size_t count_above(BoardKey key) const;         // entries with a strictly greater key
  std::size_t count_at_or_above(BoardKey key) const;   // entries with a key >= key (ties: this − count_above)
  std::size_t position(std::int64_t id) const;         // 0-based place in display order; size() when absent
  std::vector<Row> page(std::size_t offset, std::size_t limit) const;  // display order: key desc, then id asc
  std::vector<Row> top(std::size_t k) const { return page(0, k); }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const;  // bytes this board has allocated (capacity, not size)
  void clear();                      // empties the board and frees its memory
  void reserve(std::size_t entries);  // sizes the id table ahead of a known fill
  bool valid() const;                 // full O(n) self-check of every invariant, for tests

 private:
  struct Leaf;
  struct Inner;
  struct Path;
  // A bucket of the id table: an entry's id and the leaf holding its key (12 bytes, no padding).
  // Leaves name entries by bucket, so one probe finds both the id and the leaf.
  struct Slot {
    std::uint32_t id_lo = 0, id_hi = 0, leaf = 0xFFFFFFFF;  // no leaf: an empty bucket
    std::int64_t id() const { return static_cast<std::int64_t>(std::uint64_t{id_hi} << 32 | id_lo); }
  };

  // Tree
  Leaf& leaf_at(std::uint32_t i) const;
  std::uint32_t new_leaf();
  std::uint32_t new_inner(std::uint32_t level);
  void free_leaf(std::uint32_t i);
  void free_inner(std::uint32_t i);
  void set_parent(std::uint32_t node, bool is_leaf, std::uint32_t parent);
  std::int64_t id_at(const Leaf& leaf, std::uint32_t i) const;
  std::uint32_t leaf_lower_bound(const Leaf& leaf, BoardKey key, std::int64_t id) const;
  std::uint32_t index_in_leaf(const Leaf& leaf, std::uint32_t slot) const;
  std::size_t count_keys(BoardKey key, bool or_equal) const;
  void descend(BoardKey key, std::int64_t id, Path& path) const;
  void insert_at(const Path& path, BoardKey key, std::int64_t id, std::uint32_t slot);
  void tree_insert(BoardKey key, std::int64_t id, std::uint32_t slot);
  void insert_child(std::uint32_t left, bool is_leaf, std::uint32_t right, BoardKey sep_key,
                    std::int64_t sep_id, std::uint32_t left_count, std::uint32_t right_count);
  bool tree_erase(std::uint32_t leaf, std::uint32_t i);
  void rebalance_leaf(std::uint32_t leaf);
  void even_leaves(Inner& in, std::uint32_t a);
  void rebalance_inner(std::uint32_t inner);
  bool move_within_leaf(Leaf& leaf, std::uint32_t i, BoardKey key, std::int64_t id);

  // Id table: open addressing, linear probing, at most 4/5 full
  std::size_t home(std::int64_t id) const;
  std::uint32_t find_slot(std::int64_t id) const;
  std::uint32_t claim_slot(std::int64_t id);
  void release_slot(std::uint32_t slot);
  void rehash(std::size_t buckets);

  std::vector<std::unique_ptr<Leaf[]>> leaf_chunks_;
  std::uint32_t leaves_made_ = 0;  // leaves handed out from the chunks (live or free)
  std::vector<std::unique_ptr<Inner>> inners_;
  std::vector<std::uint32_t> free_leaves_, free_inners_;
  std::size_t live_leaves_ = 0, live_inners_ = 0;
  std::uint32_t root_;        // a leaf when height_ == 0; none when the board is empty
  std::uint32_t height_ = 0;  // inner levels above the leaves
  std::vector<Slot> slots_;   // the id table
  std::size_t size_ = 0;
};

// Competition tie-break rules as a key: orders and ties exactly like rank_entries (totals and rule
// values at hundredths, rules in turn, time lower first, missing time slowest, disqualified after
// everyone, all disqualified tied). Exact within these ranges, saturating beyond them: totals
// ±5.4·10⁹, practical and theory ±2.6·10⁶, times ±2.6·10⁶ s. A NaN total sorts lowest.
BoardKey competition_key(const RankInput& input, const std::vector<TieBreak>& rules);

// For practice boards: score (higher first), then time (seconds, lower first), both at full double
// precision; a NaN score sorts lowest, a NaN time slowest.
BoardKey score_time_key(double score, double seconds);

}  // namespace skb::core
