#include "service/talent/honours.hpp"

#include <boost/json.hpp>

#include <array>
#include <string_view>

#include "core/platform/calendar.hpp"
#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/people/workers.hpp"
#include "service/platform/audit.hpp"
#include "service/platform/json_text.hpp"

namespace skb::service {
namespace {

constexpr std::array<std::string_view, 6> kKinds{"technical_expert", "golden_blue_collar", "craftsman", "may_day_medal", "model_worker", "other"};
constexpr std::array<std::string_view, 4> kLevels{"enterprise", "city", "province", "national"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& list, std::string_view v) {
  for (auto x : list)
    if (x == v) return true;
  return false;
}

std::string checked_text(std::string_view raw, const char* field, const char* label) {
  const auto text = core::trim(raw);
  if (text.empty()) throw core::invalid(field, std::string(label) + "不能为空 (is required)");
  if (!core::is_valid_utf8(text) || core::utf8_length(text) > 200) throw core::invalid(field, std::string(label) + "最多200字 (at most 200 characters)");
  return std::string(text);
}

}  // namespace

std::vector<HonourView> HonourService::list(const Actor& actor, std::int64_t worker_id) const {
  std::vector<HonourView> out;
  ctx_.db.read([&](store::Connection& c) {
    require_worker_reader(c, actor, worker_id);
    for (const auto& r : c.query("SELECT id, worker_id, kind, title, level, awarded_on, issuer, work_type_id FROM honours WHERE worker_id = ? "
                                 "ORDER BY awarded_on DESC, id DESC",
                                 {worker_id}))
      out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.opt_i64(7)});
  });
  return out;
}

HonourView HonourService::add(const Actor& actor, std::int64_t worker_id, const HonourInput& in) {
  if (!one_of(kKinds, in.kind)) throw core::invalid("kind", "荣誉类别无效 (unknown kind)");
  if (!one_of(kLevels, in.level)) throw core::invalid("level", "荣誉级别无效 (level is enterprise, city, province or national)");
  const auto title = checked_text(in.title, "title", "荣誉名称");
  const auto issuer = checked_text(in.issuer, "issuer", "授予单位");
  if (!core::is_calendar_date(in.awarded_on) || in.awarded_on > ctx_.today())
    throw core::invalid("awarded_on", "授予日期无效或晚于今天 (a real date, not in the future)");
  HonourView out;
  ctx_.db.write([&](store::Connection& c) {
    auto w = c.query_one("SELECT org_path FROM workers WHERE id = ?", {worker_id});
    if (!w) throw core::not_found("worker " + std::to_string(worker_id));
    require(actor, core::Permission::write_workers, w->str(0));
    if (in.work_type_id && !c.query_one("SELECT 1 FROM work_types WHERE id = ?", {*in.work_type_id}))
      throw core::invalid("work_type_id", "工种不存在 (unknown work type)");
    const auto id = c.query_one("INSERT INTO honours(worker_id, kind, title, level, awarded_on, issuer, work_type_id, recorded_by, recorded_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                {worker_id, in.kind, title, in.level, in.awarded_on, issuer,
                                 in.work_type_id ? store::Value(*in.work_type_id) : store::Value(nullptr), actor.username, ctx_.now_rfc3339()})
                        ->i64(0);
    append_audit(c, ctx_, {actor.username, "honour.add", "worker", std::to_string(worker_id),
                           json_text(boost::json::object{{"honour_id", id}, {"kind", in.kind}, {"level", in.level}})});
    out = {id, worker_id, in.kind, title, in.level, in.awarded_on, issuer, in.work_type_id};
  });
  return out;
}

void HonourService::remove(const Actor& actor, std::int64_t honour_id) {
  ctx_.db.write([&](store::Connection& c) {
    auto h = c.query_one("SELECT h.worker_id, w.org_path FROM honours h JOIN workers w ON w.id = h.worker_id WHERE h.id = ?", {honour_id});
    if (!h) throw core::not_found("honour " + std::to_string(honour_id));
    require(actor, core::Permission::write_workers, h->str(1));
    c.execute("DELETE FROM honours WHERE id = ?", {honour_id});
    append_audit(c, ctx_, {actor.username, "honour.remove", "worker", std::to_string(h->i64(0)),
                           json_text(boost::json::object{{"honour_id", honour_id}})});
  });
}

}  // namespace skb::service
