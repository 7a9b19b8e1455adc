// Board engine benchmark: one board, one thread. Fills N entries (default 1,000,000) with practice
// keys (score at hundredths, time in seconds: ties on score are common), then times random updates,
// rank and position lookups, top-10 reads, 20-row pages at random offsets and count_above. Prints
// "name value unit", one figure a line, for bench/board/run.sh to take medians of. Rates are per
// second of this thread's CPU time (std::clock: the process has one thread), so time the scheduler
// gives to other processes on a shared machine does not count; "<name>_wall" lines give wall time.
//   skb_bench_board [entries] [updates]
#include <chrono>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/boards/board.hpp"
#include "core/platform/random.hpp"

using skb::core::Board;
using skb::core::BoardKey;
using skb::core::SplitMix64;

namespace {

std::size_t rss_bytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;  // "VmRSS:  1234 kB"
  return 0;
}

void print(const char* name, double value, const char* unit) { std::printf("%s %.2f %s\n", name, value, unit); }

// Runs body (ops operations) and prints its rate by CPU time and by wall time.
template <class F>
void rate(const char* name, std::size_t ops, const char* unit, F&& body) {
  const std::clock_t cpu = std::clock();
  const auto wall = std::chrono::steady_clock::now();
  body();
  const double cpu_s = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  print(name, static_cast<double>(ops) / cpu_s, unit);
  print((std::string(name) + "_wall").c_str(), static_cast<double>(ops) / wall_s, unit);
}

BoardKey practice_key(SplitMix64& rng) {
  const double score = static_cast<double>(rng.next() % 10001) / 100;  // 0–100 at hundredths
  const double time = static_cast<double>(rng.next() % 360000) / 100;  // 0–3600 s
  return skb::core::score_time_key(score, time);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::size_t updates = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 5'000'000;
  const std::size_t lookups = 2'000'000, pages = 1'000'000;
  SplitMix64 rng(20261124);

  // Every input is drawn (and its pages touched) before the baseline RSS, so the delta is the board's.
  std::vector<BoardKey> fill_keys(n), update_keys(updates), probe_keys(lookups);
  std::vector<std::int64_t> update_ids(updates), probe_ids(lookups);
  std::vector<std::size_t> offsets(pages);
  for (auto& key : fill_keys) key = practice_key(rng);
  for (std::size_t i = 0; i < updates; ++i) {
    update_ids[i] = static_cast<std::int64_t>(1 + rng.next() % n);
    update_keys[i] = practice_key(rng);
  }
  for (std::size_t i = 0; i < lookups; ++i) {
    probe_ids[i] = static_cast<std::int64_t>(1 + rng.next() % n);
    probe_keys[i] = practice_key(rng);
  }
  for (auto& offset : offsets) offset = rng.next() % (n - 20);
  const std::size_t rss_before = rss_bytes();

  Board board;
  std::uint64_t sink = 0;  // results feed this, so no query is optimised away
  rate("fill", n, "inserts/s", [&] {
    for (std::size_t i = 0; i < n; ++i) board.upsert(static_cast<std::int64_t>(i + 1), fill_keys[i]);
  });
  const std::size_t rss_after = rss_bytes();
  const auto per_entry = [&](std::size_t bytes) { return static_cast<double>(bytes) / static_cast<double>(n); };
  print("entries", static_cast<double>(board.size()), "entries");
  print("memory_after_fill", per_entry(board.memory_bytes()), "B/entry");
  print("rss_delta_after_fill", per_entry(rss_after - rss_before), "B/entry");

  rate("updates", updates, "updates/s", [&] {
    for (std::size_t i = 0; i < updates; ++i) sink += board.upsert(update_ids[i], update_keys[i]);
  });
  print("memory_after_updates", per_entry(board.memory_bytes()), "B/entry");
  print("rss_delta_after_updates", per_entry(rss_bytes() - rss_before), "B/entry");

  rate("rank", lookups, "queries/s", [&] {
    for (std::size_t i = 0; i < lookups; ++i) sink += board.rank(probe_ids[i]);
  });
  rate("position", lookups, "queries/s", [&] {
    for (std::size_t i = 0; i < lookups; ++i) sink += board.position(probe_ids[i]);
  });
  rate("count_above", lookups, "queries/s", [&] {
    for (std::size_t i = 0; i < lookups; ++i) sink += board.count_above(probe_keys[i]);
  });
  rate("top10", pages, "reads/s", [&] {
    for (std::size_t i = 0; i < pages; ++i) sink += board.top(10).back().rank;
  });
  rate("page20_random_offset", pages, "reads/s", [&] {
    for (std::size_t i = 0; i < pages; ++i) sink += board.page(offsets[i], 20).back().rank;
  });

  // Not timed: the whole structure still checks out after millions of moves.
  const bool valid = board.valid();
  print("valid", valid ? 1 : 0, "bool");
  std::fprintf(stderr, "checksum %llu\n", static_cast<unsigned long long>(sink));
  return valid ? 0 : 1;
}
