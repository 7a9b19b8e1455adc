#include "service/contest/scheme_sheet.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include "core/platform/error.hpp"
#include "core/platform/text.hpp"
#include "service/platform/crypto.hpp"

namespace skb::service {
namespace {

using core::Permission;

constexpr size_t kMaxRows = 4000;  // 20 components × 200 aspects, as PUT /events/{id}/scheme allows
constexpr size_t kMaxComponents = 20;
constexpr size_t kMaxAspects = 200;

// The sheet's columns, in order: the header people read and the cell's name in the import rows.
struct Column {
  const char* header;
  std::string SchemeRow::*cell;
  double width;
};
const std::array<Column, 13> kColumns{{
    {"模块/任务", &SchemeRow::component, 22},
    {"类型", &SchemeRow::kind, 8},
    {"模块配分", &SchemeRow::component_max, 10},
    {"权重", &SchemeRow::weight, 8},
    {"时限(分钟)", &SchemeRow::time_limit_minutes, 11},
    {"评分项目", &SchemeRow::criterion, 18},
    {"评分细项", &SchemeRow::aspect, 30},
    {"评分方式", &SchemeRow::aspect_kind, 10},
    {"配分", &SchemeRow::aspect_max, 8},
    {"步长", &SchemeRow::step, 8},
    {"测量区间", &SchemeRow::bands, 24},
    {"能力维度", &SchemeRow::dimension, 14},
    {"否决", &SchemeRow::disqualifies, 8},
}};
constexpr int kComponentColumns = 5;  // 模块/任务 … 时限: merged over the rows of one component

const std::array<std::array<const char*, 2>, 13> kNotes{{
    {"模块/任务", "考核项目（模块）名称。同一模块的各行可合并单元格，或每行重复填写相同名称"},
    {"类型", "理论 或 实操"},
    {"模块配分", "该模块满分；各评分细项配分（扣分项除外）之和应等于模块配分"},
    {"权重", "0–1，按权重计总分时各模块权重之和为1；留空为1"},
    {"时限(分钟)", "该模块的完成时限，可留空"},
    {"评分项目", "评分细项所属的评分项目，可留空"},
    {"评分细项", "具体评分内容；理论模块可留空（即理论考试成绩）"},
    {"评分方式", "测量（按测量值评分）、评价（裁判0–3分评价）、扣分（出现即扣分）或 计时（用时秒数；配分>0 时最快者得满分、其余按时限线性递减，0 仅用于同分比较）"},
    {"配分", "该细项满分；扣分项为出现时扣去的分值"},
    {"步长", "测量评分的最小分值单位，留空为0.5"},
    {"测量区间", "如 0-0.5:5;0.5-1:3 表示测量值在[0,0.5)得5分、[0.5,1)得3分；可留空"},
    {"能力维度", "赛项工种的能力维度名称，可留空"},
    {"否决", "填“是”表示扣分项出现即取消成绩，留空为否"},
}};

std::string bands_text(const std::vector<core::MeasureBand>& bands) {
  std::string out;
  for (const auto& b : bands) {
    if (!out.empty()) out += ';';
    out += fmt::format("{}-{}:{}", b.from, b.to, b.marks);
  }
  return out;
}

const char* component_kind_text(core::ComponentKind k) { return k == core::ComponentKind::theory ? "理论" : "实操"; }

const char* aspect_kind_text(core::AspectKind k) {
  switch (k) {
    case core::AspectKind::measurement: return "测量";
    case core::AspectKind::judgement: return "评价";
    case core::AspectKind::deduction: return "扣分";
    case core::AspectKind::time: return "计时";
  }
  return "";
}

// ---- writing ----

struct Workbook {
  std::filesystem::path path;
  lxw_workbook* book = nullptr;
  explicit Workbook(std::filesystem::path p) : path(std::move(p)), book(workbook_new(path.c_str())) {
    if (!book) throw core::Error(core::ErrorKind::internal, "export_failed", "cannot create the workbook");
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book) workbook_close(book);
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  std::string close_and_read() {
    const lxw_error err = workbook_close(book);
    book = nullptr;
    if (err != LXW_NO_ERROR) throw core::Error(core::ErrorKind::internal, "export_failed", lxw_strerror(err));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }
};

void add_list_validation(lxw_worksheet* ws, int col, lxw_row_t last_row, std::vector<const char*> values) {
  values.push_back(nullptr);
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = const_cast<char**>(values.data());
  worksheet_data_validation_range(ws, 1, static_cast<lxw_col_t>(col), last_row, static_cast<lxw_col_t>(col), &dv);
}

std::string write_workbook(const std::vector<ComponentDef>& components, const std::map<std::int64_t, std::string>& dimensions) {
  Workbook wb(std::filesystem::temp_directory_path() / ("skb-scheme-" + random_hex(8) + ".xlsx"));
  lxw_format* head = workbook_add_format(wb.book);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8F0FE);
  format_set_align(head, LXW_ALIGN_CENTER);
  lxw_format* merged = workbook_add_format(wb.book);
  format_set_align(merged, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* wrap = workbook_add_format(wb.book);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

  lxw_worksheet* ws = workbook_add_worksheet(wb.book, "评分标准");
  for (size_t c = 0; c < kColumns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), kColumns[c].header, head);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), kColumns[c].width, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);

  lxw_row_t row = 1;
  for (const auto& comp : components) {
    const lxw_row_t first = row;
    for (const auto& a : comp.aspects) {
      worksheet_write_string(ws, row, 5, a.criterion.c_str(), nullptr);
      worksheet_write_string(ws, row, 6, a.name.c_str(), nullptr);
      worksheet_write_string(ws, row, 7, aspect_kind_text(a.kind), nullptr);
      worksheet_write_number(ws, row, 8, a.max_mark, nullptr);
      worksheet_write_number(ws, row, 9, a.step, nullptr);
      if (!a.bands.empty()) worksheet_write_string(ws, row, 10, bands_text(a.bands).c_str(), nullptr);
      if (a.dimension_id) {
        const auto it = dimensions.find(*a.dimension_id);
        if (it != dimensions.end()) worksheet_write_string(ws, row, 11, it->second.c_str(), nullptr);
      }
      if (a.disqualifies) worksheet_write_string(ws, row, 12, "是", nullptr);
      ++row;
    }
    if (row == first) ++row;  // a component without aspects still has its row
    const lxw_row_t last = row - 1;
    if (last > first)
      for (int c = 0; c < kComponentColumns; ++c)
        worksheet_merge_range(ws, first, static_cast<lxw_col_t>(c), last, static_cast<lxw_col_t>(c), "", merged);
    lxw_format* f = last > first ? merged : nullptr;
    worksheet_write_string(ws, first, 0, comp.name.c_str(), f);
    worksheet_write_string(ws, first, 1, component_kind_text(comp.kind), f);
    worksheet_write_number(ws, first, 2, comp.max_mark, f);
    worksheet_write_number(ws, first, 3, comp.weight, f);
    if (comp.time_limit_seconds) worksheet_write_number(ws, first, 4, *comp.time_limit_seconds / 60, f);
  }
  // Drop-downs for the coded columns, over the rows there are and room for more.
  const lxw_row_t last_row = std::max<lxw_row_t>(row + 200, 500);
  add_list_validation(ws, 1, last_row, {"理论", "实操"});
  add_list_validation(ws, 7, last_row, {"测量", "评价", "扣分"});
  add_list_validation(ws, 12, last_row, {"是", "否"});

  lxw_worksheet* notes = workbook_add_worksheet(wb.book, "填写说明");
  worksheet_write_string(notes, 0, 0, "列", head);
  worksheet_write_string(notes, 0, 1, "说明", head);
  worksheet_set_column(notes, 0, 0, 14, nullptr);
  worksheet_set_column(notes, 1, 1, 80, wrap);
  for (size_t i = 0; i < kNotes.size(); ++i) {
    worksheet_write_string(notes, static_cast<lxw_row_t>(i + 1), 0, kNotes[i][0], nullptr);
    worksheet_write_string(notes, static_cast<lxw_row_t>(i + 1), 1, kNotes[i][1], wrap);
  }
  return wb.close_and_read();
}

// ---- reading ----

std::string trimmed(const std::string& s) { return std::string(core::trim(s)); }

// A plain decimal number ("12", "0.5", "-1", "1e3"); with `percent`, "30%" is 0.3.
std::optional<double> parse_number(std::string_view text, bool percent = false) {
  auto s = core::trim(text);
  double scale = 1;
  if (percent && !s.empty() && (s.back() == '%')) {
    s = core::trim(s.substr(0, s.size() - 1));
    scale = 0.01;
  }
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d * scale;
}

std::optional<core::ComponentKind> parse_component_kind_text(const std::string& t) {
  if (t == "理论" || t == "理论知识" || t == "theory") return core::ComponentKind::theory;
  if (t == "实操" || t == "实际操作" || t == "技能操作" || t == "practical") return core::ComponentKind::practical;
  return std::nullopt;
}

std::optional<core::AspectKind> parse_aspect_kind_text(const std::string& t) {
  if (t == "测量" || t == "测量分" || t == "measurement") return core::AspectKind::measurement;
  if (t == "评价" || t == "评价分" || t == "judgement") return core::AspectKind::judgement;
  if (t == "扣分" || t == "扣分项" || t == "deduction") return core::AspectKind::deduction;
  if (t == "计时" || t == "用时" || t == "time") return core::AspectKind::time;
  return std::nullopt;
}

std::optional<bool> parse_flag(const std::string& t) {
  static const std::array<std::string_view, 8> yes{"是", "√", "✓", "Y", "y", "yes", "true", "1"};
  static const std::array<std::string_view, 7> no{"否", "", "N", "n", "no", "false", "0"};
  if (std::find(yes.begin(), yes.end(), t) != yes.end()) return true;
  if (std::find(no.begin(), no.end(), t) != no.end()) return false;
  return std::nullopt;
}

// Reads a leading number of `s` (may start with '-'); advances `s` past it.
std::optional<double> take_number(std::string_view& s) {
  s = core::trim(s);
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || !std::isfinite(d)) return std::nullopt;
  s.remove_prefix(static_cast<size_t>(end - s.data()));
  s = core::trim(s);
  return d;
}

// "0-0.5:5;0.5-1:3" (also "0~0.5：5", "；" and line breaks between bands).
std::optional<std::vector<core::MeasureBand>> parse_bands_text(const std::string& text) {
  std::vector<core::MeasureBand> out;
  std::string normal;
  for (size_t i = 0; i < text.size();) {
    static const std::array<std::pair<std::string_view, char>, 6> kSame{
        {{"；", ';'}, {"：", ':'}, {"～", '~'}, {"—", '~'}, {"至", '~'}, {"\n", ';'}}};
    bool replaced = false;
    for (const auto& [from, to] : kSame)
      if (std::string_view(text).substr(i).starts_with(from)) {
        normal += to;
        i += from.size();
        replaced = true;
        break;
      }
    if (!replaced) normal += text[i++];
  }
  size_t at = 0;
  while (at <= normal.size()) {
    const size_t end = std::min(normal.find(';', at), normal.size());
    std::string_view part = core::trim(std::string_view(normal).substr(at, end - at));
    at = end + 1;
    if (part.empty()) continue;
    const auto colon = part.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view range = part.substr(0, colon);
    const auto marks = parse_number(part.substr(colon + 1));
    const auto from = take_number(range);
    if (!marks || !from || range.empty() || (range.front() != '-' && range.front() != '~')) return std::nullopt;
    range.remove_prefix(1);
    const auto to = take_number(range);
    if (!to || !range.empty()) return std::nullopt;
    out.push_back({*from, *to, *marks});
  }
  return out;
}

bool blank(const SchemeRow& r) {
  return std::all_of(kColumns.begin(), kColumns.end(), [&](const Column& c) { return core::trim(r.*(c.cell)).empty(); });
}

// Where each component and aspect came from, to report the scheme's problems by row.
struct Place {
  int first_row = 0;
  std::vector<int> aspect_rows;
};

struct Parsed {
  std::vector<ComponentDef> components;
  std::vector<Place> places;
  std::vector<core::FieldProblem> problems;
};

class RowReader {
 public:
  RowReader(const std::map<std::string, std::int64_t>& dimensions, Parsed& out) : dimensions_(dimensions), out_(out) {}

  void read(int row_no, const SchemeRow& r) {
    row_ = row_no;
    const bool attached = read_component(r);
    read_aspect(r, attached);
  }

 private:
  void problem(const char* field, const char* code, const std::string& message) { out_.problems.push_back({row_, field, code, message}); }

  std::optional<double> number(const std::string& text, const char* field, const char* label, bool percent = false) {
    auto v = parse_number(text, percent);
    if (!v) problem(field, "invalid_number", fmt::format("{}“{}”不是数字 ({} must be a number)", label, trimmed(text), field));
    return v;
  }

  bool text_fits(const std::string& text, const char* field, const char* label, size_t max_chars) {
    if (core::is_valid_utf8(text) && core::utf8_length(text) <= max_chars) return true;
    problem(field, "too_long", fmt::format("{}最多{}个字 ({} has at most {} characters)", label, max_chars, field, max_chars));
    return false;
  }

  std::optional<double> time_limit(const std::string& text) {
    if (trimmed(text).empty()) return std::nullopt;
    const auto minutes = number(text, "time_limit_minutes", "时限");
    if (!minutes) return std::nullopt;
    if (!(*minutes > 0)) {
      problem("time_limit_minutes", "not_positive", "时限应大于0 (the time limit must be positive)");
      return std::nullopt;
    }
    return std::round(*minutes * 60 * 1000) / 1000;  // seconds, as minutes × 60 read back from a sheet
  }

  // Starts a component, continues the current one, or reports why neither; true when the row's
  // aspect has a component to belong to.
  bool read_component(const SchemeRow& r) {
    const auto name = trimmed(r.component);
    const auto kind_text = trimmed(r.kind);
    const auto kind = parse_component_kind_text(kind_text);
    if (!kind_text.empty() && !kind)
      problem("kind", "invalid_kind", "类型应为“理论”或“实操” (kind must be 理论 or 实操)");
    if (!name.empty() && (out_.components.empty() || name != out_.components.back().name)) {
      ComponentDef d;
      d.name = name;
      text_fits(name, "component", "模块/任务", 100);
      if (kind_text.empty()) problem("kind", "required", "请填写类型（理论/实操） (kind is required)");
      if (kind) d.kind = *kind;
      if (trimmed(r.component_max).empty()) problem("component_max", "required", "请填写模块配分 (component_max is required)");
      else if (auto v = number(r.component_max, "component_max", "模块配分")) d.max_mark = *v;
      if (!trimmed(r.weight).empty())
        if (auto v = number(r.weight, "weight", "权重", true)) d.weight = *v;
      d.time_limit_seconds = time_limit(r.time_limit_minutes);
      if (out_.components.size() == kMaxComponents)
        problem("component", "too_many", fmt::format("最多{}个模块 (at most {} components)", kMaxComponents, kMaxComponents));
      out_.components.push_back(std::move(d));
      out_.places.push_back({row_, {}});
      return true;
    }
    if (out_.components.empty()) {
      problem("component", "required", "请填写模块/任务名称 (component is required)");
      return false;
    }
    // A later row of the current component: what it repeats must agree.
    const auto& cur = out_.components.back();
    const auto conflict = [&](const char* field, const char* label) {
      problem(field, "component_conflict",
              fmt::format("{}与本模块第{}行不一致 ({} differs from row {} of this component)", label, out_.places.back().first_row,
                          field, out_.places.back().first_row));
    };
    if (kind && *kind != cur.kind) conflict("kind", "类型");
    if (!trimmed(r.component_max).empty())
      if (auto v = number(r.component_max, "component_max", "模块配分"); v && std::fabs(*v - cur.max_mark) > 1e-9)
        conflict("component_max", "模块配分");
    if (!trimmed(r.weight).empty())
      if (auto v = number(r.weight, "weight", "权重", true); v && std::fabs(*v - cur.weight) > 1e-9) conflict("weight", "权重");
    if (auto t = time_limit(r.time_limit_minutes); t && (!cur.time_limit_seconds || std::fabs(*t - *cur.time_limit_seconds) > 1e-6))
      conflict("time_limit_minutes", "时限");
    return true;
  }

  void read_aspect(const SchemeRow& r, bool attached) {
    const std::array<const std::string*, 8> cells{&r.criterion, &r.aspect,  &r.aspect_kind, &r.aspect_max,
                                                  &r.step,      &r.bands,   &r.dimension,   &r.disqualifies};
    if (std::all_of(cells.begin(), cells.end(), [](const std::string* s) { return core::trim(*s).empty(); }))
      return;  // a component's row without aspects (a theory exam score)
    AspectDef a;
    a.name = trimmed(r.aspect);
    a.criterion = trimmed(r.criterion);
    if (a.name.empty()) problem("aspect", "required", "请填写评分细项 (aspect is required)");
    else text_fits(a.name, "aspect", "评分细项", 200);
    text_fits(a.criterion, "criterion", "评分项目", 100);
    const auto kind_text = trimmed(r.aspect_kind);
    if (kind_text.empty()) {
      problem("aspect_kind", "required", "请填写评分方式（测量/评价/扣分/计时） (aspect_kind is required)");
    } else if (auto k = parse_aspect_kind_text(kind_text)) {
      a.kind = *k;
    } else {
      problem("aspect_kind", "invalid_aspect_kind", "评分方式应为“测量”“评价”或“扣分” (aspect_kind must be 测量, 评价 or 扣分)");
    }
    if (trimmed(r.aspect_max).empty()) problem("aspect_max", "required", "请填写配分 (aspect_max is required)");
    else if (auto v = number(r.aspect_max, "aspect_max", "配分")) a.max_mark = *v;
    if (!trimmed(r.step).empty())
      if (auto v = number(r.step, "step", "步长")) a.step = *v;
    if (const auto text = trimmed(r.bands); !text.empty()) {
      if (auto bands = parse_bands_text(text)) a.bands = std::move(*bands);
      else problem("bands", "invalid_bands", "测量区间应写作“0-0.5:5;0.5-1:3” (bands are written as 0-0.5:5;0.5-1:3)");
    }
    if (const auto name = trimmed(r.dimension); !name.empty()) {
      const auto it = dimensions_.find(name);
      if (it != dimensions_.end()) a.dimension_id = it->second;
      else problem("dimension", "unknown_dimension", "工种没有能力维度“" + name + "” (not a dimension of the event's work type)");
    }
    if (auto flag = parse_flag(trimmed(r.disqualifies))) a.disqualifies = *flag;
    else problem("disqualifies", "invalid_flag", "否决应填“是”或留空 (disqualifies must be 是 or blank)");
    if (!attached) return;
    auto& comp = out_.components.back();
    if (comp.aspects.size() == kMaxAspects)
      problem("aspect", "too_many", fmt::format("每个模块最多{}个评分细项 (at most {} aspects per component)", kMaxAspects, kMaxAspects));
    comp.aspects.push_back(std::move(a));
    out_.places.back().aspect_rows.push_back(row_);
  }

  const std::map<std::string, std::int64_t>& dimensions_;
  Parsed& out_;
  int row_ = 0;
};

// The row and column of one of set_scheme's problems ("components[i]" / "components[i].aspects[k]").
core::FieldProblem by_row(const core::FieldProblem& p, const std::vector<Place>& places) {
  static const std::map<std::string, std::string> kField{
      {"scheme_empty", "component"},   {"max_not_positive", "component_max"},    {"weight_out_of_range", "weight"},
      {"no_aspects", "aspect"},        {"aspect_max_not_positive", "aspect_max"}, {"step_not_positive", "step"},
      {"aspect_sum_mismatch", "component_max"}, {"weights_not_one", "weight"}};
  const auto field = kField.count(p.code) ? kField.at(p.code) : std::string();
  int ci = -1, ak = -1;
  const int matched = std::sscanf(p.field.c_str(), "components[%d].aspects[%d]", &ci, &ak);
  if (matched < 1 || ci < 0 || static_cast<size_t>(ci) >= places.size()) return {0, field, p.code, p.message};
  const auto& place = places[static_cast<size_t>(ci)];
  const int row = matched == 2 && ak >= 0 && static_cast<size_t>(ak) < place.aspect_rows.size()
                      ? place.aspect_rows[static_cast<size_t>(ak)]
                      : place.first_row;
  return {row, field, p.code, p.message};
}

core::Error scheme_rejected(std::vector<core::FieldProblem> problems) {
  // Rows in order; problems of the scheme as a whole (row 0) last.
  std::stable_sort(problems.begin(), problems.end(), [](const core::FieldProblem& a, const core::FieldProblem& b) {
    constexpr int kLast = std::numeric_limits<int>::max();
    return (a.row == 0 ? kLast : a.row) < (b.row == 0 ? kLast : b.row);
  });
  const auto n = problems.size();
  core::Error e(core::ErrorKind::unprocessable, "import_invalid",
                fmt::format("{} 处错误，评分标准未导入 ({} problems; the scheme was not changed)", n, n));
  e.problems = std::move(problems);
  return e;
}

}  // namespace

std::string SchemeSheetService::export_xlsx(const Actor& actor, std::int64_t event_id) const {
  const auto event = competitions_.get_event(actor, event_id);  // who may read the event may read its scheme
  std::map<std::int64_t, std::string> dimensions;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT id, name FROM dimensions WHERE work_type_id = ?", {event.summary.work_type_id}))
      dimensions[r.i64(0)] = r.str(1);
  });
  return write_workbook(event.components, dimensions);
}

EventView SchemeSheetService::import_rows(const Actor& actor, std::int64_t event_id, const std::vector<SchemeRow>& rows) {
  if (rows.size() > kMaxRows)
    throw core::invalid("rows", fmt::format("一次最多导入{}行 (at most {} rows)", kMaxRows, kMaxRows));
  const auto event = competitions_.get_event(actor, event_id);
  // Refuse early what set_scheme would refuse anyway, before reporting a frozen scheme's rows.
  require(actor, Permission::manage_competitions, event.org_path);
  if (event.scheme_frozen)
    throw core::conflict("scheme_frozen", "评分已开始，评分标准已冻结 (marking has started: the scheme is frozen)");
  std::map<std::string, std::int64_t> dimensions;
  ctx_.db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT id, name FROM dimensions WHERE work_type_id = ?", {event.summary.work_type_id}))
      dimensions[r.str(1)] = r.i64(0);
  });
  Parsed parsed;
  RowReader reader(dimensions, parsed);
  for (size_t i = 0; i < rows.size(); ++i)
    if (!blank(rows[i])) reader.read(static_cast<int>(i + 1), rows[i]);
  if (parsed.components.empty() && parsed.problems.empty())
    throw core::invalid("rows", "没有可导入的数据 (no rows to import)");
  if (!parsed.problems.empty()) throw scheme_rejected(std::move(parsed.problems));
  try {
    return competitions_.set_scheme(actor, event_id, parsed.components);
  } catch (const core::Error& e) {
    if (e.code() != "invalid_scheme" || e.problems.empty()) throw;
    std::vector<core::FieldProblem> problems;
    for (const auto& p : e.problems) problems.push_back(by_row(p, parsed.places));
    throw scheme_rejected(std::move(problems));
  }
}

}  // namespace skb::service
