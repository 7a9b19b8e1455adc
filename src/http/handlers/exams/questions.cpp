#include <boost/json.hpp>
#include <charconv>
#include <sstream>

#include "core/exams/gift.hpp"
#include "core/exams/moodle_xml.hpp"
#include "core/exams/question_rows.hpp"
#include "core/platform/error.hpp"
#include "http/handlers/exams/exam_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/platform/json_text.hpp"
#include "service/platform/spreadsheet.hpp"
#include "service/services.hpp"

namespace skb::http {
namespace {

namespace json = boost::json;
using namespace core::exam;

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Response file_response(std::string body, const std::string& type, const std::string& ascii_name, const std::string& utf8_encoded_name) {
  Response r{200, type, std::move(body), {}, {}};
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + utf8_encoded_name);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

service::Sheet rows_sheet(const std::vector<QuestionRow>& rows) {
  service::Sheet sheet{"题库", template_header(), {}};
  const size_t option_columns = sheet.header.size() - 11;  // 题型, 题干, 选项A…, then 9 more
  for (const auto& r : rows) {
    std::vector<std::string> cells{r.type, r.stem};
    for (size_t i = 0; i < option_columns; ++i) cells.push_back(i < r.options.size() ? r.options[i] : "");
    for (const auto* c : {&r.answer, &r.marks, &r.difficulty, &r.dimension, &r.skill_level, &r.partial_credit, &r.category, &r.explanation})
      cells.push_back(*c);
    sheet.rows.push_back(std::move(cells));
  }
  return sheet;
}

std::string cell(const json::object& o, const char* key, size_t row) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_number()) {
    std::ostringstream s;
    s << v->to_number<double>();
    return s.str();
  }
  throw core::invalid("rows[" + std::to_string(row) + "]." + key, "单元格应为文本或数字 (a cell must be text or a number)");
}

std::vector<QuestionRow> question_rows(const json::array& rows) {
  std::vector<QuestionRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].is_object()) throw core::invalid("rows[" + std::to_string(i) + "]", "每行应为对象 (each row must be an object)");
    const auto& o = rows[i].as_object();
    QuestionRow r;
    r.type = cell(o, "type", i);
    r.stem = cell(o, "stem", i);
    if (const auto* opts = o.if_contains("options"); opts && opts->is_array())
      for (const auto& v : opts->as_array()) r.options.push_back(v.is_string() ? std::string(v.as_string()) : v.is_null() ? "" : skb::service::json_text(v));
    r.answer = cell(o, "answer", i);
    r.marks = cell(o, "marks", i);
    r.difficulty = cell(o, "difficulty", i);
    r.dimension = cell(o, "dimension", i);
    r.skill_level = cell(o, "skill_level", i);
    r.partial_credit = cell(o, "partial_credit", i);
    r.category = cell(o, "category", i);
    r.explanation = cell(o, "explanation", i);
    out.push_back(std::move(r));
  }
  return out;
}

ImportParse parse_import(const json::object& body, const std::string& format) {
  if (format == "rows") {
    const auto* rows = opt_array(body, "rows");
    if (!rows) throw core::invalid("rows", "rows 为必填项 (is required)");
    if (rows->size() > 5000) throw core::invalid("rows", "一次最多导入5000行 (at most 5,000 rows)");
    return parse_rows(question_rows(*rows));
  }
  const auto text = opt_string(body, "text", 50u << 20);
  if (!text) throw core::invalid("text", "text 为必填项 (is required)");
  if (format == "gift") return parse_gift(*text);
  if (format == "moodle") return parse_moodle_xml(*text);
  throw core::invalid("format", "format 应为 rows、moodle 或 gift (rows, moodle or gift)");
}

service::QuestionFilter filter_from(const Request& req) {
  service::QuestionFilter f;
  f.work_type_id = query_id(req, "work_type_id");
  f.dimension_id = query_id(req, "dimension_id");
  if (const auto t = req.query_or("type"); !t.empty()) {
    f.type = parse_question_type(t);
    if (!f.type) throw core::invalid("type", "题型无法识别 (unknown type)");
  }
  if (const auto d = req.query_or("difficulty"); !d.empty()) {
    if (d.size() != 1 || d[0] < '1' || d[0] > '5') throw core::invalid("difficulty", "难度应为1–5 (1–5)");
    f.difficulty = d[0] - '0';
  }
  f.query = req.query_or("q");
  const auto active = req.query_or("active", "true");
  if (active == "all") f.active.reset();
  else if (active == "true" || active == "false") f.active = active == "true";
  else throw core::invalid("active", "active 应为 true、false 或 all (true, false or all)");
  f.limit = query_limit(req, 50, 200);
  if (const auto o = req.query_or("offset"); !o.empty()) {
    int offset = -1;
    const auto [end, ec] = std::from_chars(o.data(), o.data() + o.size(), offset);
    if (ec != std::errc() || end != o.data() + o.size() || offset < 0 || offset > 1000000)
      throw core::invalid("offset", "offset 应为 0–1000000 的整数 (an integer 0–1,000,000)");
    f.offset = offset;
  }
  return f;
}

}  // namespace

void add_question_routes(Router& router, service::Services& s) {
  router.add("GET", "/api/v1/questions", Access::signed_in, [&s](Request& req) {
    const auto f = filter_from(req);
    const auto page = s.questions.list(*req.actor, f);
    json::array items;
    for (const auto& q : page.items) items.push_back(to_json(q));
    json::object body{{"items", std::move(items)}, {"total", page.total}};
    body["next_offset"] = f.offset + f.limit < page.total ? json::value(f.offset + f.limit) : json::value(nullptr);
    return json_response(body);
  });
  router.add("POST", "/api/v1/questions", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.questions.create(*req.actor, question_input(parse_object(req)))), 201);
  });
  router.add("GET", "/api/v1/questions/template.xlsx", Access::signed_in, [&s](Request& req) {
    require_somewhere(*req.actor, core::Permission::manage_exams);
    return file_response(service::write_xlsx({rows_sheet(template_examples())}), kXlsx, "question-template.xlsx",
                         "%E9%A2%98%E5%BA%93%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx");
  });
  router.add("GET", "/api/v1/questions/export", Access::signed_in, [&s](Request& req) {
    const auto wt = query_id(req, "work_type_id");
    if (!wt) throw core::invalid("work_type_id", "work_type_id 为必填项 (is required)");
    const auto questions = s.questions.export_questions(*req.actor, *wt);
    const auto format = req.query_or("format", "xlsx");
    if (format == "xlsx") {
      std::vector<QuestionRow> rows;
      for (const auto& q : questions) rows.push_back(to_row(q.question, q.category, q.dimension_name, q.explanation));
      return file_response(service::write_xlsx({rows_sheet(rows)}), kXlsx, "questions.xlsx", "%E9%A2%98%E5%BA%93.xlsx");
    }
    if (format == "gift") return file_response(to_gift(questions), "text/plain; charset=utf-8", "questions.gift.txt", "questions.gift.txt");
    if (format == "moodle") return file_response(to_moodle_xml(questions), "application/xml; charset=utf-8", "questions.xml", "questions.xml");
    throw core::invalid("format", "format 应为 xlsx、moodle 或 gift (xlsx, moodle or gift)");
  });
  router.add("POST", "/api/v1/questions/import", Access::signed_in, [&s](Request& req) {
    const auto body = parse_object(req);
    const auto wt = opt_id(body, "work_type_id");
    if (!wt) throw core::invalid("work_type_id", "work_type_id 为必填项 (is required)");
    auto parsed = parse_import(body, opt_string(body, "format", 20).value_or("rows"));
    const auto out = s.questions.import(*req.actor, *wt, opt_id(body, "org_id"), std::move(parsed),
                                        opt_bool(body, "dry_run").value_or(false));
    return json_response(json::object{{"imported", out.imported}, {"duplicates", out.duplicates}, {"problems", json::array{}}});
  });
  router.add("GET", "/api/v1/questions/{id}", Access::signed_in,
             [&s](Request& req) { return json_response(to_json(s.questions.get(*req.actor, path_id(req)))); });
  router.add("PUT", "/api/v1/questions/{id}", Access::signed_in, [&s](Request& req) {
    return json_response(to_json(s.questions.replace(*req.actor, path_id(req), question_input(parse_object(req)))));
  });
  router.add("DELETE", "/api/v1/questions/{id}", Access::signed_in, [&s](Request& req) {
    s.questions.retire(*req.actor, path_id(req));
    return json_response(to_json(s.questions.get(*req.actor, path_id(req))));
  });
  router.add("POST", "/api/v1/question-assets", Access::signed_in, [&s](Request& req) {
    return json_response(json::object{{"key", s.questions.store_asset(*req.actor, req.body)}}, 201);
  });
  router.add("GET", "/api/v1/question-assets/{key}", Access::signed_in, [&s](Request& req) {
    const auto asset = s.questions.asset(req.params.at("key"));
    if (!asset) throw core::not_found("asset");
    Response r{200, asset->first, asset->second, {}, {}};
    r.headers.emplace_back("Cache-Control", "private, max-age=86400, immutable");
    return r;
  });
}

}  // namespace skb::http
