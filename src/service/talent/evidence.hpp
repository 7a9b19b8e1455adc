#pragma once
// 技能人才数据库: the evidence of a worker's capability. The domain a fact comes from derives its evidence
// and hands it here inside its own write transaction, so evidence exists exactly when its source was
// committed; this file stores it and keeps the worker's portrait current.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/platform/context.hpp"

namespace skb::service {

struct EvidenceInput {
  std::int64_t worker_id = 0;
  std::int64_t work_type_id = 0;
  std::optional<std::int64_t> dimension_id;  // none: the overall score only
  std::string item_key;                      // unique inside the scope for the worker: "aspect:34", "item:3"
  double score = 0;                          // share of the marks, 0–1
  double weight = 1;                         // information, in exam items
  double difficulty = 0;                     // logits
  std::string observed_at;                   // RFC 3339
  std::string label;                         // what a person reads in the evidence list
  std::string context;                       // "event:7", "exam:4": the page it links to
};

// One source unit's evidence (`source` "aspect" with scope "entry:12", or "exam_item" with "session:5")
// becomes exactly `rows`: rows it held before and no longer derives are removed. The portraits of every
// worker and work type concerned, before or after, are refreshed in the same transaction.
void replace_evidence(store::Connection& conn, const Context& ctx, const std::string& source, const std::string& scope_key,
                      const std::vector<EvidenceInput>& rows);

// One source unit's evidence derived afresh from its source tables, for the check command.
struct DerivedEvidence {
  std::string scope_key;
  std::vector<EvidenceInput> rows;
};

// Many source units of one source at once (a repair, history brought in): each replaced as by
// replace_evidence, the portraits refreshed once per worker and work type at the end.
void replace_evidence_bulk(store::Connection& conn, const Context& ctx, const std::string& source, const std::vector<DerivedEvidence>& units);

// A stored piece of evidence as the check command compares it.
struct StoredEvidence {
  std::string source, scope_key, item_key;
  std::int64_t worker_id = 0, work_type_id = 0;
  std::optional<std::int64_t> dimension_id;
  double score = 0, weight = 0, difficulty = 0;
  std::string observed_at;
};
std::vector<StoredEvidence> load_all_evidence(store::Connection& conn);

}  // namespace skb::service
