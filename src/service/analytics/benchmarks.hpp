#pragma once
// 同行对标: an organisation's portrait scores on one work type — overall and per dimension, median and
// quartiles — against the whole city's for the same work type. Aggregates only, and only over groups of
// five or more: the organisation's figures need five of its workers with a score, the city's five others.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct Quartiles {
  double p25 = 0, median = 0, p75 = 0;  // scores 0–100
};

struct BenchmarkRow {
  std::optional<std::int64_t> dimension_id;  // none: overall
  std::string name;
  int org_n = 0;
  std::optional<Quartiles> org;   // none under five
  std::int64_t city_n = 0;
  std::optional<Quartiles> city;  // none under five others
};

struct Benchmarks {
  std::int64_t org_id = 0, work_type_id = 0;
  std::string org_name, work_type_name;
  std::vector<BenchmarkRow> rows;  // overall first, then the dimensions in order
};

class BenchmarkService {
 public:
  static constexpr int kMinGroup = 5;
  explicit BenchmarkService(const Context& ctx) : ctx_(ctx) {}
  Benchmarks benchmarks(const Actor& actor, std::int64_t org_id, std::int64_t work_type_id) const;

 private:
  const Context& ctx_;
};

}  // namespace skb::service
