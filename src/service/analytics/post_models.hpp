#pragma once
// 岗位能力模型: an enterprise's target level on each capability dimension for a post or department (an
// organisation subtree) and a work type; editable, copyable from a union's template, and importable from a
// sheet (targets by dimension name). Written by whoever edits workers there (HR, organisers).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/people/actor.hpp"
#include "service/platform/context.hpp"

namespace skb::service {

struct PostTarget {
  std::int64_t dimension_id = 0;
  std::string dimension_name;  // read back; on input, a name may stand in for the id (a sheet's rows)
  double target = 0;           // portrait score 0–100
};

struct PostModelInput {
  std::int64_t org_id = 0, work_type_id = 0;
  std::string name;
  bool template_ = false;
  std::vector<PostTarget> targets;
};

struct PostModel {
  std::int64_t id = 0, org_id = 0, work_type_id = 0;
  std::string org_name, work_type_name, name, updated_at;
  bool template_ = false;
  std::vector<PostTarget> targets;  // in the work type's dimension order
};

class PostModelService {
 public:
  explicit PostModelService(const Context& ctx) : ctx_(ctx) {}
  // The models of organisations in the actor's read scope, and the templates of the organisations above them.
  std::vector<PostModel> list(const Actor& actor) const;
  PostModel get(const Actor& actor, std::int64_t id) const;
  PostModel create(const Actor& actor, const PostModelInput& input);
  PostModel update(const Actor& actor, std::int64_t id, const PostModelInput& input);
  void remove(const Actor& actor, std::int64_t id);
  // A template (or any model the actor reads) copied to an organisation the actor edits.
  PostModel copy(const Actor& actor, std::int64_t id, std::int64_t org_id, const std::string& name);

 private:
  const Context& ctx_;
};

// For the analyses: the model with its organisation's path, when the actor may read it (not_found, forbidden).
struct LoadedPostModel {
  PostModel model;
  std::string org_path;
};
LoadedPostModel load_post_model(store::Connection& conn, const Actor& actor, std::int64_t id);

}  // namespace skb::service
