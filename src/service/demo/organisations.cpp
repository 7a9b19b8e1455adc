#include "service/demo/organisations.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <fmt/format.h>
#include <set>
#include <utility>
#include <vector>

#include "core/people/org.hpp"
#include "core/people/personal_data.hpp"
#include "core/people/role.hpp"
#include "core/people/worker.hpp"
#include "core/platform/random.hpp"
#include "service/people/auth.hpp"
#include "service/people/work_types.hpp"
#include "service/people/workers.hpp"
#include "service/platform/audit.hpp"

namespace skb::service {
namespace {

// The same demo on every machine and library version.
class DemoRandom : public core::SplitMix64 {
 public:
  using SplitMix64::SplitMix64;
  template <class T, size_t N>
  const T& pick(const std::array<T, N>& items) { return items[static_cast<size_t>(below(static_cast<int>(N)))]; }
};

constexpr std::string_view kCityUnion = "温州市总工会";

struct IndustryUnion {
  std::string_view name, code;
  std::array<std::string_view, 7> enterprises;
};
constexpr std::array<IndustryUnion, 3> kUnions{{
    {"温州市能源化工产业工会", "WZ-NY",
     {"国网温州供电公司", "温州电力设备有限公司", "浙江瓯江石化有限公司", "温州燃气集团有限公司", "温州龙湾热电有限公司",
      "温州华能新能源有限公司", "瑞安精细化工有限公司"}},
    {"温州市机电冶金产业工会", "WZ-JD",
     {"正泰电气股份有限公司", "德力西电气有限公司", "温州瑞明工业股份有限公司", "浙江华峰机械有限公司",
      "温州长城汽车零部件有限公司", "乐清精工阀门有限公司", ""}},
    {"温州市交通建设产业工会", "WZ-JT",
     {"温州市铁路与轨道交通投资集团", "温州港集团有限公司", "温州市交通发展集团", "温州建设集团有限公司",
      "温州机场集团有限公司", "温州公交集团有限公司", "鹿城建筑工程有限公司"}},
}};

struct DemoWorkType {
  std::string_view code, name, description;
  std::array<std::string_view, 5> dimensions;
};
constexpr std::array<DemoWorkType, 8> kWorkTypes{{
    {"ELEC", "电工", "从事电气设备安装、调试、运行与维修", {"电工基础知识", "识图与接线", "仪表测量", "电气故障排除", "安全操作规范"}},
    {"WELD", "焊工", "从事金属焊接与切割作业", {"焊接基础知识", "平焊操作", "立焊与仰焊", "焊缝质量检验", "安全防护"}},
    {"ELAS", "电气装配工", "从事电气设备装配、调试与检验",
     {"出光排障能力", "通电及装软件", "气路风门装调", "识图焊接接线", "电气基础知识"}},
    {"FITR", "钳工", "从事零件加工、装配与设备维修", {"识图与测量", "划线与锯削", "锉削与钻孔", "装配调整", "设备维修"}},
    {"LATH", "车工", "操作车床进行零件加工", {"工艺编制", "车削操作", "精度控制", "刀具刃磨", "质量检验"}},
    {"CNCM", "数控铣工", "操作数控铣床进行零件加工", {"数控编程", "CAD/CAM应用", "机床操作", "精度检测", "工艺优化"}},
    {"AUTO", "汽车维修工", "从事汽车维护、故障诊断与修理", {"发动机维修", "底盘维修", "电气诊断", "新能源汽车", "维修规范"}},
    {"CHEM", "化工总控工", "从事化工生产过程的操作与控制", {"化工工艺", "DCS操作", "设备巡检", "应急处置", "安全环保"}},
}};

constexpr std::array<std::string_view, 60> kSurnames{
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
constexpr std::array<std::string_view, 48> kMaleGiven{
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "斌", "波", "宇", "浩", "凯",
    "建国", "建华", "志强", "志明", "海涛", "晓东", "国华", "俊杰", "文博", "子豪", "宏伟", "永刚", "立新", "振华", "德明",
    "家豪", "思远", "天宇", "晨阳", "世杰", "建军", "成龙", "旭东", "春雷", "一鸣", "浩然", "明辉", "正阳"};
constexpr std::array<std::string_view, 40> kFemaleGiven{
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "琳", "颖", "洁", "晶", "倩", "萍", "红",
    "秀英", "桂英", "丽华", "海燕", "晓燕", "雅琴", "佳怡", "梦洁", "欣怡", "思雨", "婉清", "雨萱", "美玲", "春梅", "玉兰",
    "晓红", "丽娟", "文静", "嘉欣", "诗涵"};
// Wenzhou's district and county codes, for ID numbers that look local.
constexpr std::array<std::string_view, 8> kRegions{"330302", "330303", "330304", "330305", "330324", "330381", "330382", "330326"};

std::string make_id_number(DemoRandom& rnd, bool male, int index) {
  const int year = 1966 + rnd.below(38), month = 1 + rnd.below(12), day = 1 + rnd.below(28);
  // Sequence digits carry the index so every demo ID is distinct; the 17th digit's parity is the gender.
  int seq = (index % 500) * 2 + (male ? 1 : 0);
  std::string first17 = fmt::format("{}{:04}{:02}{:02}{:03}", rnd.pick(kRegions), year, month, day, seq % 1000);
  return first17 + core::national_id_check_char(first17);
}

}  // namespace

DemoSummary seed_demo(const Context& ctx, int worker_count) {
  DemoSummary summary;
  DemoRandom rnd(20261124);
  ctx.db.write([&](store::Connection& c) {
    if (c.query_one("SELECT 1 FROM orgs WHERE code = 'WZ-NY'")) {
      summary.already_seeded = true;
      return;
    }
    const auto now = ctx.now_rfc3339();
    const std::string by(kSystemActor);
    auto add_org = [&](std::optional<std::int64_t> parent, const std::string& parent_path, std::string_view name,
                       core::OrgKind kind, const std::string& code) {
      const auto id = c.insert_returning_id(
          "INSERT INTO orgs(parent_id, name, kind, code, path, created_at, updated_at) VALUES (?, ?, ?, ?, '', ?, ?) RETURNING id",
          {parent ? store::Value(*parent) : store::Value(nullptr), std::string(name), std::string(core::to_code(kind)),
           code.empty() ? store::Value(nullptr) : store::Value(code), now, now});
      const auto path = core::child_path(parent_path, id);
      c.execute("UPDATE orgs SET path = ? WHERE id = ?", {path, id});
      append_audit(c, ctx, {by, "org.create", "org", std::to_string(id), "{\"demo\":true}"});
      ++summary.orgs;
      return core::Org{id, parent, std::string(name), kind, code, path};
    };

    // The top organisation may already exist (create-admin makes one): adopt and rename it.
    core::Org city;
    if (auto root = c.query_one("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1")) {
      c.execute("UPDATE orgs SET name = ?, code = 'WZ', kind = 'city_union' WHERE id = ?", {std::string(kCityUnion), root->i64(0)});
      city = {root->i64(0), std::nullopt, std::string(kCityUnion), core::OrgKind::city_union, "WZ", root->str(1)};
    } else {
      city = add_org(std::nullopt, "/", kCityUnion, core::OrgKind::city_union, "WZ");
    }

    std::vector<core::Org> unions, enterprises;
    int enterprise_no = 0;
    for (const auto& u : kUnions) {
      unions.push_back(add_org(city.id, city.path, u.name, core::OrgKind::industry_union, std::string(u.code)));
      for (auto e : u.enterprises)
        if (!e.empty())
          enterprises.push_back(add_org(unions.back().id, unions.back().path, e, core::OrgKind::enterprise,
                                        fmt::format("E{:03}", ++enterprise_no)));
    }

    std::vector<std::int64_t> type_ids;
    for (const auto& wt : kWorkTypes) {
      const auto id = c.insert_returning_id(
          "INSERT INTO work_types(code, name, description, created_at) VALUES (?, ?, ?, ?) RETURNING id",
          {std::string(wt.code), std::string(wt.name), std::string(wt.description), now});
      std::int64_t position = 0;
      for (auto d : wt.dimensions)
        c.execute("INSERT INTO dimensions(work_type_id, name, description, position) VALUES (?, ?, '', ?)",
                  {id, std::string(d), position++});
      append_audit(c, ctx, {by, "work_type.create", "work_type", std::to_string(id), "{\"demo\":true}"});
      type_ids.push_back(id);
      ++summary.work_types;
    }

    // Levels weighted as a real workforce: many 中级工/高级工, few 高级技师.
    constexpr std::array<int, 20> kLevelMix{5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2, 2, 2, 1, 4, 3};
    std::int64_t first_worker = 0;
    std::vector<std::pair<std::int64_t, int>> seeded;  // (worker, level)
    std::set<std::string> used_ids;
    const Sealer& sealer = ctx.sealer;
    for (int i = 0; i < worker_count; ++i) {
      const bool male = rnd.below(100) < 72;
      core::ValidWorker w;
      w.name = std::string(rnd.pick(kSurnames)) + std::string(male ? rnd.pick(kMaleGiven) : rnd.pick(kFemaleGiven));
      w.gender = male ? core::Gender::male : core::Gender::female;
      do w.id_number = make_id_number(rnd, male, i);
      while (!used_ids.insert(w.id_number).second);
      w.birth_date = core::check_national_id(w.id_number, "")->birth_date;
      static constexpr std::array<std::string_view, 6> kPrefixes{"138", "139", "135", "158", "187", "177"};
      w.phone = fmt::format("{}{:08}", rnd.pick(kPrefixes), rnd.below(100000000));
      w.skill_level = static_cast<core::SkillLevel>(rnd.pick(kLevelMix));
      const auto& org = enterprises[static_cast<size_t>(i) % enterprises.size()];
      w.employee_no = fmt::format("{}-{:05}", org.code, i + 1);
      std::vector<std::int64_t> types{type_ids[static_cast<size_t>(rnd.below(static_cast<int>(type_ids.size())))]};
      if (rnd.below(100) < 15) types.push_back(type_ids[static_cast<size_t>(rnd.below(static_cast<int>(type_ids.size())))]);
      const auto id = c.insert_returning_id(
          "INSERT INTO workers(name, gender, employee_no, org_id, org_path, skill_level, phone_sealed, phone_masked, id_sealed, "
          "id_lookup, id_masked, birth_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {w.name, std::string(core::to_code(w.gender)), w.employee_no, org.id, org.path,
           static_cast<std::int64_t>(w.skill_level), sealer.seal(w.phone), core::mask_phone(w.phone), sealer.seal(w.id_number),
           sealer.lookup_hash(w.id_number), core::mask_national_id(w.id_number), w.birth_date, now, now});
      for (auto t : std::set<std::int64_t>(types.begin(), types.end()))
        c.execute("INSERT INTO worker_work_types(worker_id, work_type_id) VALUES (?, ?)", {id, t});
      // A short, plausible history: promoted step by step to today's level.
      const int current = static_cast<int>(w.skill_level);
      int year = std::stoi(w.birth_date.substr(0, 4)) + 20;
      for (int level = std::min(5, current + 2); level >= current; --level, year += 3)
        c.execute("INSERT INTO level_history(worker_id, skill_level, effective_date, note, recorded_at, recorded_by) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  {id, std::int64_t{level}, fmt::format("{}-{:02}-15", std::min(year, 2025), 1 + rnd.below(12)),
                   std::string(level == std::min(5, current + 2) ? "首次认定" : "晋级"), now, by});
      if (!first_worker) first_worker = id;
      seeded.emplace_back(id, current);
      ++summary.workers;
    }
    // This year's promotions, through the same path as a form's: one worker in eight rises a level on a day of
    // the last eleven months, so the year-on-year figures have something to show.
    for (const auto& [worker, level] : seeded) {
      if (worker == first_worker || level <= 1 || rnd.below(8) != 0) continue;
      const auto day = format_rfc3339(ctx.clock() - std::chrono::hours(24 * (15 + rnd.below(320)))).substr(0, 10);
      record_level_change(c, ctx, by, worker, static_cast<core::SkillLevel>(level - 1), day, "晋级");
    }
    append_audit(c, ctx, {by, "demo.seed", "demo", "", fmt::format("{{\"workers\":{}}}", summary.workers)});

    // One account per role, each with a fresh random password.
    struct AccountPlan {
      core::Role role;
      std::string username;
      const core::Org* scope;
    };
    const std::vector<AccountPlan> plans{
        {core::Role::admin, "admin", &city},          {core::Role::organiser, "organiser", &city},
        {core::Role::chief_judge, "chief", &city},    {core::Role::judge, "judge", &unions[0]},
        {core::Role::worker, "worker", &enterprises[0]}, {core::Role::hr, "hr", &enterprises[1]},
        {core::Role::viewer, "viewer", &city},
    };
    for (const auto& p : plans) {
      if (c.query_one("SELECT 1 FROM users WHERE username = ?", {p.username})) continue;
      const auto password = random_hex(6);
      const auto uid = c.insert_returning_id(
          "INSERT INTO users(username, display_name, password_hash, worker_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          {p.username, "演示" + std::string(core::to_code(p.role)), hash_password(password),
           p.role == core::Role::worker && first_worker ? store::Value(first_worker) : store::Value(nullptr), now});
      c.execute("INSERT INTO grants(user_id, role, org_id) VALUES (?, ?, ?)", {uid, std::string(core::to_code(p.role)), p.scope->id});
      append_audit(c, ctx, {by, "user.create", "user", std::to_string(uid), "{\"demo\":true}"});
      summary.accounts.push_back({std::string(core::to_code(p.role)), p.username, password, p.scope->name});
    }
  });
  return summary;
}

}  // namespace skb::service
