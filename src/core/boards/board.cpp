#include "core/boards/board.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "core/contest/scoring.hpp"

// Layout. Leaves hold up to 64 (key, bucket) pairs in display order: 20 bytes an entry, no pointers.
// Inner nodes hold up to 64 children with their subtree counts and separators (key, id). The id table
// (open addressing) holds each entry's id and leaf; leaves name entries by bucket number. An entry's
// key lives only in its leaf, found by scanning the leaf for the bucket number.
//
// Speed. Random entries of a big board are cache misses (~240 ns each on a 2-core VM), so an update
// is built around as few dependent misses as possible: the table bucket, then the old leaf and the
// new leaf fetched at the same time (prefetching whole nodes before searching them).

namespace skb::core {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFF;
// Merging only when two siblings fit in 3/4 of a node keeps a merged node from splitting right away.
constexpr std::uint32_t kLeafCap = 64, kLeafMin = kLeafCap / 4, kLeafMerge = kLeafCap * 3 / 4;
constexpr std::uint32_t kLeafShare = kLeafCap * 3 / 4;  // a sibling this full or less takes a share
constexpr std::uint32_t kInnerCap = 64, kInnerMin = kInnerCap / 4, kInnerMerge = kInnerCap * 3 / 4;
// Non-root inner nodes keep 16+ children and the root 2+: h inner levels need 2 · 16^(h−1) leaves of
// 1+ entries, and 2 · 16^8 > max_entries, so there are at most 8.
constexpr std::uint32_t kMaxHeight = 12;

std::uint64_t mix(std::int64_t id) {  // murmur3's finaliser: sequential ids spread over the table
  auto x = static_cast<std::uint64_t>(id);
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  return x ^ (x >> 33);
}

// Asks for every cache line of [p, p + bytes) at once, so a node costs one miss, not one per probe.
void prefetch(const void* p, std::size_t bytes) {
#if defined(__GNUC__)
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  for (std::uintptr_t line = begin & ~std::uintptr_t{63}; line < begin + bytes; line += 64)
    __builtin_prefetch(reinterpret_cast<const void*>(line));
#else
  (void)p, (void)bytes;
#endif
}

// Display order: does (ka, ia) come before (kb, ib)?
bool before(const BoardKey& ka, std::int64_t ia, const BoardKey& kb, std::int64_t ib) {
  return ka > kb || (ka == kb && ia < ib);
}

template <class T>
void shift(T* a, std::uint32_t from, std::uint32_t to, std::uint32_t n) {  // overlapping move of n items
  std::memmove(a + to, a + from, n * sizeof(T));
}

}  // namespace

struct Board::Leaf {
  std::uint32_t parent = kNone, next = kNone, n = 0;  // next: the following leaf in display order
  std::uint32_t slots[kLeafCap];  // beside the header: finding an entry reads only these lines
  BoardKey keys[kLeafCap];
};

// Leaves live in chunks (2, 2, 4, … 32, then 64 leaves each), so a leaf's address is computed from
// a small, always-cached chunk table rather than loaded from a pointer per leaf.
namespace {
constexpr std::uint32_t kChunk = 64;
std::uint32_t chunk_of(std::uint32_t i) { return i >= kChunk ? i / kChunk + 5 : i < 2 ? 0 : std::bit_width(i) - 1; }
std::uint32_t chunk_start(std::uint32_t c) { return c >= 6 ? (c - 5) * kChunk : c == 0 ? 0 : 1u << c; }
std::uint32_t chunk_size(std::uint32_t c) { return c >= 6 ? kChunk : c == 0 ? 2 : 1u << c; }
}  // namespace

Board::Leaf& Board::leaf_at(std::uint32_t i) const {
  const std::uint32_t c = chunk_of(i);
  return leaf_chunks_[c][i - chunk_start(c)];
}

struct Board::Inner {
  std::uint32_t parent = kNone, n = 0, level = 1;  // level 1: the children are leaves
  // sep[i], i ≥ 1: at or before every entry under child i, after every entry under child i − 1.
  BoardKey sep_key[kInnerCap];
  std::uint32_t child[kInnerCap];
  std::uint32_t count[kInnerCap];  // entries under each child
  std::int64_t sep_id[kInnerCap];  // read only when keys tie
};

// Where a descent for (key, id) ended: the nodes and children taken, and the leaf.
struct Board::Path {
  std::uint32_t leaf = kNone, depth = 0;
  std::uint32_t node[kMaxHeight], child[kMaxHeight];
  bool first = true, last = true;  // on the leftmost / rightmost path
};

Board::Board() : root_(kNone) {}
Board::~Board() = default;
Board::Board(Board&& other) noexcept : Board() { *this = std::move(other); }

Board& Board::operator=(Board&& other) noexcept {
  if (this == &other) return *this;
  leaf_chunks_ = std::move(other.leaf_chunks_);
  leaves_made_ = other.leaves_made_;
  inners_ = std::move(other.inners_);
  free_leaves_ = std::move(other.free_leaves_);
  free_inners_ = std::move(other.free_inners_);
  slots_ = std::move(other.slots_);
  live_leaves_ = other.live_leaves_;
  live_inners_ = other.live_inners_;
  root_ = other.root_;
  height_ = other.height_;
  size_ = other.size_;
  other.clear();
  return *this;
}

void Board::clear() {
  std::vector<std::unique_ptr<Leaf[]>>().swap(leaf_chunks_);
  leaves_made_ = 0;
  std::vector<std::unique_ptr<Inner>>().swap(inners_);
  std::vector<std::uint32_t>().swap(free_leaves_);
  std::vector<std::uint32_t>().swap(free_inners_);
  std::vector<Slot>().swap(slots_);
  live_leaves_ = live_inners_ = size_ = 0;
  root_ = kNone;
  height_ = 0;
}

std::size_t Board::memory_bytes() const {
  std::size_t leaves = 0;
  for (std::uint32_t c = 0; c < leaf_chunks_.size(); ++c) leaves += chunk_size(c);
  return leaves * sizeof(Leaf) + live_inners_ * sizeof(Inner) +
         leaf_chunks_.capacity() * sizeof(leaf_chunks_[0]) + inners_.capacity() * sizeof(inners_[0]) +
         (free_leaves_.capacity() + free_inners_.capacity()) * sizeof(std::uint32_t) +
         slots_.capacity() * sizeof(Slot);
}

// ---- nodes

std::uint32_t Board::new_leaf() {
  std::uint32_t i;
  if (!free_leaves_.empty()) {
    i = free_leaves_.back();
    free_leaves_.pop_back();
  } else {
    i = leaves_made_++;
    const std::uint32_t c = chunk_of(i);
    if (c == leaf_chunks_.size()) leaf_chunks_.push_back(std::make_unique<Leaf[]>(chunk_size(c)));
  }
  leaf_at(i) = Leaf{};
  ++live_leaves_;
  return i;
}

std::uint32_t Board::new_inner(std::uint32_t level) {
  auto inner = std::make_unique<Inner>();
  inner->level = level;
  std::uint32_t i;
  if (!free_inners_.empty()) {
    i = free_inners_.back();
    free_inners_.pop_back();
    inners_[i] = std::move(inner);
  } else {
    i = static_cast<std::uint32_t>(inners_.size());
    inners_.push_back(std::move(inner));
  }
  ++live_inners_;
  return i;
}

void Board::free_leaf(std::uint32_t i) {
  leaf_at(i).n = 0;  // a freed leaf keeps its memory (the chunk's) and holds nothing
  free_leaves_.push_back(i);
  --live_leaves_;
}

void Board::free_inner(std::uint32_t i) {
  inners_[i].reset();
  free_inners_.push_back(i);
  --live_inners_;
}

void Board::set_parent(std::uint32_t node, bool is_leaf, std::uint32_t parent) {
  if (is_leaf) leaf_at(node).parent = parent;
  else inners_[node]->parent = parent;
}

namespace {
template <class Node>
std::uint32_t child_index(const Node& in, std::uint32_t child) {
  std::uint32_t i = 0;
  while (in.child[i] != child) ++i;
  return i;
}
}  // namespace

std::int64_t Board::id_at(const Leaf& leaf, std::uint32_t i) const { return slots_[leaf.slots[i]].id(); }

// How many entries of the leaf come before (key, id). Ids are read (a slot lookup) only on equal keys.
std::uint32_t Board::leaf_lower_bound(const Leaf& leaf, BoardKey key, std::int64_t id) const {
  std::uint32_t lo = 0, hi = leaf.n;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    const BoardKey& k = leaf.keys[mid];
    if (k > key || (k == key && id_at(leaf, mid) < id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

std::uint32_t Board::index_in_leaf(const Leaf& leaf, std::uint32_t slot) const {
  std::uint32_t i = 0;
  while (leaf.slots[i] != slot) ++i;  // 256 bytes at most, cheaper than keeping positions in slots
  return i;
}

// Entries whose key is > key (or >= key): a prefix of display order, so one descent finds its end.
std::size_t Board::count_keys(BoardKey key, bool or_equal) const {
  if (root_ == kNone) return 0;
  auto inside = [&](const BoardKey& k) { return or_equal ? k >= key : k > key; };
  std::size_t total = 0;
  std::uint32_t node = root_, n = kLeafCap;
  for (std::uint32_t h = height_; h > 0; --h) {
    const Inner& in = *inners_[node];
    prefetch(in.sep_key, sizeof in.sep_key);
    prefetch(in.count, sizeof in.count);
    std::uint32_t lo = 1, hi = in.n;  // the prefix ends under the last separator inside it
    while (lo < hi) {
      const std::uint32_t mid = (lo + hi) / 2;
      if (inside(in.sep_key[mid])) lo = mid + 1;
      else hi = mid;
    }
    for (std::uint32_t c = 0; c + 1 < lo; ++c) total += in.count[c];
    node = in.child[lo - 1];
    n = in.count[lo - 1];
  }
  const Leaf& leaf = leaf_at(node);
  prefetch(leaf.keys, n * sizeof(BoardKey));
  std::uint32_t lo = 0, hi = leaf.n;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (inside(leaf.keys[mid])) lo = mid + 1;
    else hi = mid;
  }
  return total + lo;
}

// ---- insert

// Read-only: finds the leaf for (key, id) and asks for its lines, without waiting for them.
void Board::descend(BoardKey key, std::int64_t id, Path& path) const {
  std::uint32_t node = root_;
  std::uint32_t n = kLeafCap;  // entries in the leaf: its count in the parent
  path.depth = 0;
  path.first = path.last = true;
  for (std::uint32_t h = height_; h > 0; --h) {
    const Inner& in = *inners_[node];
    prefetch(in.sep_key, sizeof in.sep_key);
    std::uint32_t lo = 1, hi = in.n;  // child c holds [sep[c], sep[c+1])
    while (lo < hi) {
      const std::uint32_t mid = (lo + hi) / 2;
      if (!before(key, id, in.sep_key[mid], in.sep_id[mid])) lo = mid + 1;
      else hi = mid;
    }
    const std::uint32_t c = lo - 1;
    path.node[path.depth] = node;
    path.child[path.depth++] = c;
    path.first = path.first && c == 0;
    path.last = path.last && c + 1 == in.n;
    node = in.child[c];
    if (h == 1) n = in.count[c];
  }
  path.leaf = node;
  const Leaf& leaf = leaf_at(node);
  prefetch(&leaf, offsetof(Leaf, slots) + n * sizeof(std::uint32_t));
  prefetch(leaf.keys, n * sizeof(BoardKey));
}

void Board::tree_insert(BoardKey key, std::int64_t id, std::uint32_t slot) {
  if (root_ == kNone) root_ = new_leaf();
  Path path;
  descend(key, id, path);
  insert_at(path, key, id, slot);
}

// Inserts into the path's leaf; the path must still describe the tree.
void Board::insert_at(const Path& path, BoardKey key, std::int64_t id, std::uint32_t slot) {
  const std::uint32_t node = path.leaf;
  Leaf* leaf = &leaf_at(node);
  if (leaf->n == kLeafCap && path.depth > 0) {
    // A full leaf first shares with a sibling that has room (as in a B*-tree) and splits only when
    // neither has: churn would otherwise leave leaves little more than half full.
    Inner& in = *inners_[path.node[path.depth - 1]];
    const std::uint32_t c = path.child[path.depth - 1];
    const std::uint32_t a = c + 1 < in.n && in.count[c + 1] <= kLeafShare ? c
                            : c > 0 && in.count[c - 1] <= kLeafShare   ? c - 1
                                                                        : kNone;
    if (a != kNone) {
      even_leaves(in, a);
      tree_insert(key, id, slot);  // counts were not taken yet; the nodes are in cache
      return;
    }
  }
  for (std::uint32_t d = 0; d < path.depth; ++d) ++inners_[path.node[d]]->count[path.child[d]];
  const bool first = path.first, last = path.last;
  std::uint32_t pos = leaf_lower_bound(*leaf, key, id);
  std::uint32_t target = node;
  std::uint32_t right = kNone;
  if (leaf->n == kLeafCap) {
    // Past the last entry or before the first, split off nothing: a fill in display order (or its
    // reverse) then packs leaves full instead of half full.
    const std::uint32_t at = (last && pos == kLeafCap) ? kLeafCap : (first && pos == 0) ? 0 : kLeafCap / 2;
    right = new_leaf();
    Leaf& r = leaf_at(right);
    r.n = kLeafCap - at;
    std::memcpy(r.keys, leaf->keys + at, r.n * sizeof(BoardKey));
    std::memcpy(r.slots, leaf->slots + at, r.n * sizeof(std::uint32_t));
    for (std::uint32_t i = 0; i < r.n; ++i) slots_[r.slots[i]].leaf = right;
    leaf->n = at;
    r.next = leaf->next;
    leaf->next = right;
    r.parent = leaf->parent;
    if (pos > at || at == kLeafCap) {
      target = right;
      leaf = &r;
      pos -= at;
    }
  }
  shift(leaf->keys, pos, pos + 1, leaf->n - pos);
  shift(leaf->slots, pos, pos + 1, leaf->n - pos);
  leaf->keys[pos] = key;
  leaf->slots[pos] = slot;
  ++leaf->n;
  slots_[slot].leaf = target;
  if (right != kNone) {
    const Leaf& r = leaf_at(right);
    insert_child(node, true, right, r.keys[0], id_at(r, 0), leaf_at(node).n, r.n);
  }
}

// Puts `right` just after `left` in left's parent (splitting upwards as needed). The counts passed
// replace left's count, which already included both halves.
void Board::insert_child(std::uint32_t left, bool is_leaf, std::uint32_t right, BoardKey sep_key,
                         std::int64_t sep_id, std::uint32_t left_count, std::uint32_t right_count) {
  std::uint32_t parent = is_leaf ? leaf_at(left).parent : inners_[left]->parent;
  if (parent == kNone) {  // left was the root: the tree grows a level
    parent = new_inner(height_ + 1);
    Inner& in = *inners_[parent];
    in.n = 2;
    in.child[0] = left;
    in.child[1] = right;
    in.count[0] = left_count;
    in.count[1] = right_count;
    in.sep_key[1] = sep_key;
    in.sep_id[1] = sep_id;
    set_parent(left, is_leaf, parent);
    set_parent(right, is_leaf, parent);
    root_ = parent;
    ++height_;
    return;
  }
  Inner* in = inners_[parent].get();
  std::uint32_t pos = child_index(*in, left);
  if (in->n == kInnerCap) {
    constexpr std::uint32_t half = kInnerCap / 2;
    const std::uint32_t q = new_inner(in->level);
    Inner& upper = *inners_[q];
    upper.n = kInnerCap - half;
    std::memcpy(upper.child, in->child + half, upper.n * sizeof(std::uint32_t));
    std::memcpy(upper.count, in->count + half, upper.n * sizeof(std::uint32_t));
    std::memcpy(upper.sep_key, in->sep_key + half, upper.n * sizeof(BoardKey));
    std::memcpy(upper.sep_id, in->sep_id + half, upper.n * sizeof(std::int64_t));
    upper.parent = in->parent;
    in->n = half;
    std::uint32_t lower_sum = 0, upper_sum = 0;
    for (std::uint32_t i = 0; i < half; ++i) lower_sum += in->count[i];
    for (std::uint32_t i = 0; i < upper.n; ++i) {
      upper_sum += upper.count[i];
      set_parent(upper.child[i], is_leaf, q);
    }
    insert_child(parent, false, q, in->sep_key[half], in->sep_id[half], lower_sum, upper_sum);
    if (pos >= half) {
      in = &upper;
      parent = q;
      pos -= half;
    }
  }
  const std::uint32_t tail = in->n - pos - 1;
  shift(in->child, pos + 1, pos + 2, tail);
  shift(in->count, pos + 1, pos + 2, tail);
  shift(in->sep_key, pos + 1, pos + 2, tail);
  shift(in->sep_id, pos + 1, pos + 2, tail);
  in->child[pos + 1] = right;
  in->count[pos] = left_count;
  in->count[pos + 1] = right_count;
  in->sep_key[pos + 1] = sep_key;
  in->sep_id[pos + 1] = sep_id;
  ++in->n;
  set_parent(right, is_leaf, parent);
}

// ---- erase

namespace {
template <class Node>
void remove_child(Node& in, std::uint32_t i) {
  const std::uint32_t tail = in.n - i - 1;
  shift(in.child, i + 1, i, tail);
  shift(in.count, i + 1, i, tail);
  shift(in.sep_key, i + 1, i, tail);
  shift(in.sep_id, i + 1, i, tail);
  --in.n;
}
}  // namespace

// True when nodes were freed, merged or balanced (a path found before is stale).
bool Board::tree_erase(std::uint32_t leaf_index, std::uint32_t i) {
  Leaf& leaf = leaf_at(leaf_index);
  shift(leaf.keys, i + 1, i, leaf.n - i - 1);
  shift(leaf.slots, i + 1, i, leaf.n - i - 1);
  --leaf.n;
  for (std::uint32_t child = leaf_index, p = leaf.parent; p != kNone;) {
    Inner& in = *inners_[p];
    --in.count[child_index(in, child)];
    child = p;
    p = in.parent;
  }
  if (leaf.parent == kNone) {
    if (leaf.n > 0) return false;
    free_leaf(leaf_index);
    root_ = kNone;
    return true;
  }
  if (leaf.n >= kLeafMin) return false;
  rebalance_leaf(leaf_index);
  return true;
}

// An underfull leaf merges with a sibling when both fit in 3/4 of a leaf, or else evens out with it.
void Board::rebalance_leaf(std::uint32_t leaf_index) {
  const std::uint32_t p = leaf_at(leaf_index).parent;
  Inner& in = *inners_[p];
  const std::uint32_t pos = child_index(in, leaf_index);
  const std::uint32_t a = pos + 1 < in.n ? pos : pos - 1, b = a + 1;
  const std::uint32_t ia = in.child[a], ib = in.child[b];
  Leaf& la = leaf_at(ia);
  Leaf& lb = leaf_at(ib);
  if (la.n + lb.n <= kLeafMerge) {
    std::memcpy(la.keys + la.n, lb.keys, lb.n * sizeof(BoardKey));
    std::memcpy(la.slots + la.n, lb.slots, lb.n * sizeof(std::uint32_t));
    for (std::uint32_t i = 0; i < lb.n; ++i) slots_[lb.slots[i]].leaf = ia;
    la.n += lb.n;
    la.next = lb.next;
    in.count[a] += in.count[b];
    remove_child(in, b);
    free_leaf(ib);
    rebalance_inner(p);
    return;
  }
  even_leaves(in, a);
}

// Evens out the leaves under children a and a + 1 of `in`, moving entries from the fuller one.
void Board::even_leaves(Inner& in, std::uint32_t a) {
  const std::uint32_t b = a + 1, ia = in.child[a], ib = in.child[b];
  Leaf& la = leaf_at(ia);
  Leaf& lb = leaf_at(ib);
  const std::uint32_t want = (la.n + lb.n) / 2;
  if (la.n < want) {  // b's first entries move to a's end
    const std::uint32_t k = want - la.n;
    std::memcpy(la.keys + la.n, lb.keys, k * sizeof(BoardKey));
    std::memcpy(la.slots + la.n, lb.slots, k * sizeof(std::uint32_t));
    for (std::uint32_t i = 0; i < k; ++i) slots_[lb.slots[i]].leaf = ia;
    shift(lb.keys, k, 0, lb.n - k);
    shift(lb.slots, k, 0, lb.n - k);
    lb.n -= k;
    la.n = want;
  } else {  // a's last entries move to b's front
    const std::uint32_t k = la.n - want;
    shift(lb.keys, 0, k, lb.n);
    shift(lb.slots, 0, k, lb.n);
    std::memcpy(lb.keys, la.keys + want, k * sizeof(BoardKey));
    std::memcpy(lb.slots, la.slots + want, k * sizeof(std::uint32_t));
    for (std::uint32_t i = 0; i < k; ++i) slots_[lb.slots[i]].leaf = ib;
    lb.n += k;
    la.n = want;
  }
  in.count[a] = la.n;
  in.count[b] = lb.n;
  in.sep_key[b] = lb.keys[0];
  in.sep_id[b] = id_at(lb, 0);
}

// The same for inner nodes; a root left with one child hands the root to it.
void Board::rebalance_inner(std::uint32_t p) {
  Inner& in = *inners_[p];
  if (in.parent == kNone) {
    if (in.n == 1) {
      root_ = in.child[0];
      set_parent(root_, in.level == 1, kNone);
      --height_;
      free_inner(p);
    }
    return;
  }
  if (in.n >= kInnerMin) return;
  const std::uint32_t g = in.parent;
  Inner& up = *inners_[g];
  const std::uint32_t pos = child_index(up, p);
  const std::uint32_t a = pos + 1 < up.n ? pos : pos - 1, b = a + 1;
  const std::uint32_t ia = up.child[a], ib = up.child[b];
  Inner& na = *inners_[ia];
  Inner& nb = *inners_[ib];
  const bool leaf_children = na.level == 1;
  // Moves nb's children [from, from + k) to na at `to`; returns the entries moved.
  auto move = [&](Inner& src, std::uint32_t from, Inner& dst, std::uint32_t to, std::uint32_t k, std::uint32_t owner) {
    std::uint32_t moved = 0;
    for (std::uint32_t j = 0; j < k; ++j) {
      dst.child[to + j] = src.child[from + j];
      dst.count[to + j] = src.count[from + j];
      dst.sep_key[to + j] = src.sep_key[from + j];
      dst.sep_id[to + j] = src.sep_id[from + j];
      moved += src.count[from + j];
      set_parent(src.child[from + j], leaf_children, owner);
    }
    return moved;
  };
  if (na.n + nb.n <= kInnerMerge) {
    nb.sep_key[0] = up.sep_key[b];  // b's first child is bounded by b's separator in the parent
    nb.sep_id[0] = up.sep_id[b];
    move(nb, 0, na, na.n, nb.n, ia);
    na.n += nb.n;
    up.count[a] += up.count[b];
    remove_child(up, b);
    free_inner(ib);
    rebalance_inner(g);
    return;
  }
  const std::uint32_t want = (na.n + nb.n) / 2;
  std::uint32_t moved;
  if (na.n < want) {
    const std::uint32_t k = want - na.n;
    nb.sep_key[0] = up.sep_key[b];
    nb.sep_id[0] = up.sep_id[b];
    moved = move(nb, 0, na, na.n, k, ia);
    up.sep_key[b] = nb.sep_key[k];
    up.sep_id[b] = nb.sep_id[k];
    move(nb, k, nb, 0, nb.n - k, ib);  // front to back, so the overlap is safe
    nb.n -= k;
    na.n = want;
    up.count[a] += moved;
    up.count[b] -= moved;
  } else {
    const std::uint32_t k = na.n - want;
    for (std::uint32_t j = nb.n; j-- > 0;) {  // back to front: make room for k children
      nb.child[j + k] = nb.child[j];
      nb.count[j + k] = nb.count[j];
      nb.sep_key[j + k] = nb.sep_key[j];
      nb.sep_id[j + k] = nb.sep_id[j];
    }
    nb.sep_key[k] = up.sep_key[b];
    nb.sep_id[k] = up.sep_id[b];
    moved = move(na, want, nb, 0, k, ib);
    up.sep_key[b] = na.sep_key[want];
    up.sep_id[b] = na.sep_id[want];
    nb.n += k;
    na.n = want;
    up.count[a] -= moved;
    up.count[b] += moved;
  }
}

// A new key that still falls strictly between two other entries of the same leaf moves within the
// leaf: no counts change. Common on practice boards, where scores creep up.
bool Board::move_within_leaf(Leaf& leaf, std::uint32_t i, BoardKey key, std::int64_t id) {
  const std::uint32_t at = leaf_lower_bound(leaf, key, id);
  const std::uint32_t j = at - (i < at ? 1 : 0);  // other entries before the new place
  if (j == 0 || j + 2 > leaf.n) return false;
  const std::uint32_t slot = leaf.slots[i];
  if (j > i) {
    shift(leaf.keys, i + 1, i, j - i);
    shift(leaf.slots, i + 1, i, j - i);
  } else if (j < i) {
    shift(leaf.keys, j, j + 1, i - j);
    shift(leaf.slots, j, j + 1, i - j);
  }
  leaf.keys[j] = key;
  leaf.slots[j] = slot;
  return true;
}

// ---- id table

std::size_t Board::home(std::int64_t id) const {  // the top 32 hash bits scaled to the table's size
  return static_cast<std::size_t>((mix(id) >> 32) * slots_.size() >> 32);
}

std::uint32_t Board::find_slot(std::int64_t id) const {
  if (slots_.empty()) return kNone;
  for (std::size_t b = home(id);; b = b + 1 == slots_.size() ? 0 : b + 1) {
    const Slot& s = slots_[b];
    if (s.leaf == kNone) return kNone;
    if (s.id() == id) return static_cast<std::uint32_t>(b);
  }
}

// Moves every entry into a table of `buckets` and renumbers the leaves' references: O(n).
void Board::rehash(std::size_t buckets) {
  std::vector<Slot> old(buckets);
  old.swap(slots_);
  std::vector<std::uint32_t> moved_to(old.size(), kNone);
  for (std::size_t b = 0; b < old.size(); ++b) {
    if (old[b].leaf == kNone) continue;
    std::size_t nb = home(old[b].id());
    while (slots_[nb].leaf != kNone) nb = nb + 1 == buckets ? 0 : nb + 1;
    slots_[nb] = old[b];
    moved_to[b] = static_cast<std::uint32_t>(nb);
  }
  for (std::uint32_t l = 0; l < leaves_made_; ++l) {
    Leaf& leaf = leaf_at(l);  // freed leaves have n == 0
    for (std::uint32_t i = 0; i < leaf.n; ++i) leaf.slots[i] = moved_to[leaf.slots[i]];
  }
}

// A bucket for a new id; its leaf is set when the entry enters the tree. Growing by a quarter (not
// doubling) keeps the table 64–80 % full, 15–19 bytes an entry; each growth costs O(n), so an insert
// pays O(1) amortised.
std::uint32_t Board::claim_slot(std::int64_t id) {
  if ((size_ + 1) * 5 > slots_.size() * 4) rehash(std::max<std::size_t>(16, slots_.size() + slots_.size() / 4));
  std::size_t b = home(id);
  while (slots_[b].leaf != kNone) b = b + 1 == slots_.size() ? 0 : b + 1;
  const auto u = static_cast<std::uint64_t>(id);
  slots_[b] = Slot{static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(u >> 32), 0};
  return static_cast<std::uint32_t>(b);
}

// Backward-shift deletion (no tombstones, so lookups never slow down with churn). A moved entry's
// leaf learns its new bucket.
void Board::release_slot(std::uint32_t slot) {
  const std::size_t size = slots_.size();
  std::size_t hole = slot;
  for (std::size_t j = hole + 1 == size ? 0 : hole + 1; slots_[j].leaf != kNone; j = j + 1 == size ? 0 : j + 1) {
    const std::size_t h = home(slots_[j].id());
    if (hole <= j ? (hole < h && h <= j) : (hole < h || h <= j)) continue;  // its probe never passes the hole
    slots_[hole] = slots_[j];
    Leaf& leaf = leaf_at(slots_[hole].leaf);
    leaf.slots[index_in_leaf(leaf, static_cast<std::uint32_t>(j))] = static_cast<std::uint32_t>(hole);
    hole = j;
  }
  slots_[hole] = Slot{};
}

void Board::reserve(std::size_t entries) {
  entries = std::min(entries, max_entries);
  const std::size_t buckets = entries + entries / 4 + 1;  // 4/5 full at `entries`
  if (buckets > slots_.size()) rehash(buckets);
}

// ---- public operations

bool Board::upsert(std::int64_t id, BoardKey key) {
  std::uint32_t slot = find_slot(id);
  if (slot == kNone) {
    if (size_ >= max_entries) throw std::length_error("board: more than max_entries entries");
    slot = claim_slot(id);
    tree_insert(key, id, slot);
    ++size_;
    return true;
  }
  const std::uint32_t old_leaf = slots_[slot].leaf;
  prefetch(&leaf_at(old_leaf), sizeof(Leaf));
  Path path;
  descend(key, id, path);  // while the old leaf arrives, find (and fetch) the new one
  Leaf& leaf = leaf_at(old_leaf);
  const std::uint32_t i = index_in_leaf(leaf, slot);
  if (leaf.keys[i] == key) return false;
  if (move_within_leaf(leaf, i, key, id)) return true;
  if (tree_erase(old_leaf, i)) tree_insert(key, id, slot);  // nodes changed under the path
  else insert_at(path, key, id, slot);
  return true;
}

bool Board::erase(std::int64_t id) {
  const std::uint32_t slot = find_slot(id);
  if (slot == kNone) return false;
  const std::uint32_t leaf_index = slots_[slot].leaf;
  tree_erase(leaf_index, index_in_leaf(leaf_at(leaf_index), slot));
  release_slot(slot);
  --size_;
  return true;
}

std::optional<BoardKey> Board::key_of(std::int64_t id) const {
  const std::uint32_t slot = find_slot(id);
  if (slot == kNone) return std::nullopt;
  const Leaf& leaf = leaf_at(slots_[slot].leaf);
  return leaf.keys[index_in_leaf(leaf, slot)];
}

std::size_t Board::rank(std::int64_t id) const {
  const auto key = key_of(id);
  return key ? 1 + count_above(*key) : 0;
}

std::size_t Board::count_above(BoardKey key) const { return count_keys(key, false); }
std::size_t Board::count_at_or_above(BoardKey key) const { return count_keys(key, true); }

std::size_t Board::position(std::int64_t id) const {
  const std::uint32_t slot = find_slot(id);
  if (slot == kNone) return size_;
  const std::uint32_t leaf_index = slots_[slot].leaf;
  std::size_t pos = index_in_leaf(leaf_at(leaf_index), slot);
  for (std::uint32_t child = leaf_index, p = leaf_at(leaf_index).parent; p != kNone;) {
    const Inner& in = *inners_[p];
    for (std::uint32_t c = 0; in.child[c] != child; ++c) pos += in.count[c];
    child = p;
    p = in.parent;
  }
  return pos;
}

std::vector<Board::Row> Board::page(std::size_t offset, std::size_t limit) const {
  std::vector<Row> rows;
  if (offset >= size_ || limit == 0) return rows;
  const std::size_t n = std::min(limit, size_ - offset);
  rows.reserve(n);
  std::uint32_t node = root_;
  std::size_t rest = offset;
  for (std::uint32_t h = height_; h > 0; --h) {
    const Inner& in = *inners_[node];
    prefetch(in.count, sizeof in.count);
    std::uint32_t c = 0;
    while (rest >= in.count[c]) rest -= in.count[c++];
    node = in.child[c];
  }
  const Leaf* leaf = &leaf_at(node);
  auto i = static_cast<std::uint32_t>(rest);
  std::size_t rank = 1 + count_above(leaf->keys[i]);
  for (std::size_t k = 0; k < n; ++k, ++i) {
    if (i == leaf->n) {
      leaf = &leaf_at(leaf->next);
      i = 0;
    }
    const BoardKey& key = leaf->keys[i];
    if (k > 0 && key != rows.back().key) rank = offset + k + 1;  // first of its tie group
    rows.push_back(Row{id_at(*leaf, i), key, rank});
  }
  return rows;
}

// ---- self-check

bool Board::valid() const {
  if (root_ == kNone) return size_ == 0 && height_ == 0 && live_leaves_ == 0 && live_inners_ == 0;
  struct Entry {
    BoardKey key;
    std::int64_t id;
  };
  std::vector<Entry> seq;
  std::vector<std::uint32_t> leaf_order;
  std::size_t inners = 0;
  auto walk = [&](auto& self, std::uint32_t node, std::uint32_t level, std::uint32_t parent) -> bool {
    if (level == 0) {
      const Leaf& leaf = leaf_at(node);
      if (leaf.parent != parent || leaf.n == 0 || leaf.n > kLeafCap) return false;
      for (std::uint32_t i = 0; i < leaf.n; ++i) {
        const std::uint32_t slot = leaf.slots[i];
        if (slot >= slots_.size() || slots_[slot].leaf != node || find_slot(slots_[slot].id()) != slot) return false;
        seq.push_back({leaf.keys[i], slots_[slot].id()});
      }
      leaf_order.push_back(node);
      return true;
    }
    const Inner& in = *inners_[node];
    ++inners;
    if (in.parent != parent || in.level != level || in.n < (parent == kNone ? 2u : 1u) || in.n > kInnerCap)
      return false;
    for (std::uint32_t c = 0; c < in.n; ++c) {
      const std::size_t start = seq.size();
      if (!self(self, in.child[c], level - 1, node) || seq.size() - start != in.count[c]) return false;
      if (c > 0 && (before(seq[start].key, seq[start].id, in.sep_key[c], in.sep_id[c]) ||
                    !before(seq[start - 1].key, seq[start - 1].id, in.sep_key[c], in.sep_id[c])))
        return false;
    }
    return true;
  };
  if (!walk(walk, root_, height_, kNone) || seq.size() != size_) return false;
  if (leaf_order.size() != live_leaves_ || inners != live_inners_) return false;
  for (std::size_t k = 1; k < seq.size(); ++k)
    if (!before(seq[k - 1].key, seq[k - 1].id, seq[k].key, seq[k].id)) return false;
  for (std::size_t k = 0; k < leaf_order.size(); ++k)
    if (leaf_at(leaf_order[k]).next != (k + 1 < leaf_order.size() ? leaf_order[k + 1] : kNone)) return false;
  const auto used = std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.leaf != kNone; });
  return static_cast<std::size_t>(used) == size_;
}

// ---- keys

namespace {

// Fills 128 bits from the top, field by field.
class KeyBits {
 public:
  void put(std::uint64_t value, unsigned width) {  // value < 2^width, 0 < width < 64
    hi_ = hi_ << width | lo_ >> (64 - width);
    lo_ = lo_ << width | value;
  }
  BoardKey key() const { return {hi_, lo_}; }

 private:
  std::uint64_t hi_ = 0, lo_ = 0;
};

constexpr unsigned kTotalBits = 40, kRuleBits = 29;  // 1 + 40 + 3 × 29 = 128

// round2(value) — the very function rank_entries compares with — in hundredths, offset into
// [0, 2^width), saturating. Exact: for |hundredths| < 2^39, llround(round2(x) · 100) gives them back.
std::uint64_t hundredths(double value, unsigned width) {
  const double r = round2(value);
  const std::int64_t half = std::int64_t{1} << (width - 1);
  std::int64_t h;
  if (std::isnan(r)) h = -half;
  else if (r * 100 >= static_cast<double>(half - 1)) h = half - 1;
  else if (r * 100 <= static_cast<double>(-half)) h = -half;
  else h = std::llround(r * 100);
  return static_cast<std::uint64_t>(h + half);
}

std::uint64_t ordered(double d) {  // doubles to unsigned integers in the same order
  if (d == 0) d = 0;               // −0 equals 0
  const auto bits = std::bit_cast<std::uint64_t>(d);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

}  // namespace

BoardKey competition_key(const RankInput& input, const std::vector<TieBreak>& rules) {
  if (input.disqualified) return {};  // after everyone, and tied among themselves
  KeyBits bits;
  bits.put(1, 1);
  bits.put(hundredths(input.total, kTotalBits), kTotalBits);
  constexpr std::uint64_t top = (std::uint64_t{1} << kRuleBits) - 1;
  unsigned seen = 0, fields = 0;
  for (TieBreak rule : rules) {
    std::uint64_t value;
    switch (rule) {
      case TieBreak::practical_higher: value = hundredths(input.practical, kRuleBits); break;
      case TieBreak::theory_higher: value = hundredths(input.theory, kRuleBits); break;
      case TieBreak::time_lower: {
        // Lower first: inverted; 0 is kept for a missing (or unreadable) time, the slowest.
        const bool has = input.seconds && std::isfinite(*input.seconds);
        value = has ? top - std::min(hundredths(*input.seconds, kRuleBits), top - 1) : 0;
        break;
      }
      default: continue;  // not a rule: rank_entries ignores it too
    }
    const unsigned bit = 1u << static_cast<unsigned>(rule);
    if (seen & bit) continue;  // a repeated rule never splits a tie its first use kept
    seen |= bit;
    bits.put(value, kRuleBits);
    ++fields;
  }
  for (; fields < 3; ++fields) bits.put(0, kRuleBits);
  return bits.key();
}

BoardKey score_time_key(double score, double seconds) {
  return {std::isnan(score) ? 0 : ordered(score), std::isnan(seconds) ? 0 : ~ordered(seconds)};
}

}  // namespace skb::core
