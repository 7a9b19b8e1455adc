#include "http/handlers/exams/exam_json.hpp"

#include <cmath>

#include "core/platform/error.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "service/exams/codec.hpp"

namespace skb::http {
namespace json = boost::json;
using namespace core::exam;

namespace {

json::value opt_num(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt_id_json(const std::optional<std::int64_t>& v) { return v ? id_json(*v) : json::value(nullptr); }

double number(const json::object& o, const char* key, double fallback) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_number() || !std::isfinite(v->to_number<double>())) throw core::invalid(key, std::string(key) + " 应为数字 (must be a number)");
  return v->to_number<double>();
}

int integer(const json::object& o, const char* key, int fallback) {
  const double d = number(o, key, fallback);
  if (d != std::floor(d) || std::abs(d) > 1e9) throw core::invalid(key, std::string(key) + " 应为整数 (must be an integer)");
  return static_cast<int>(d);
}

std::vector<std::string> strings(const json::value* v, const std::string& field) {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (!v->is_array()) throw core::invalid(field, field + " 应为字符串数组 (must be an array of strings)");
  for (const auto& s : v->as_array()) {
    if (!s.is_string()) throw core::invalid(field, field + " 应为字符串数组 (must be an array of strings)");
    out.emplace_back(s.as_string());
  }
  return out;
}

json::array string_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

json::value to_json(const service::QuestionRecord& r) {
  const auto& q = r.question;
  json::array options, blanks;
  for (const auto& o : q.options) options.push_back(json::object{{"text", o.text}, {"image", o.image}, {"correct", o.correct}});
  for (const auto& b : q.blanks) blanks.push_back(json::object{{"accepted", string_array(b.accepted)}});
  json::object o{{"id", id_json(q.id)},
                 {"org_id", id_json(r.org_id)},
                 {"work_type_id", id_json(q.tags.work_type_id)},
                 {"work_type_name", r.work_type_name},
                 {"dimension_id", q.tags.dimension_id ? id_json(q.tags.dimension_id) : json::value(nullptr)},
                 {"dimension_name", r.dimension_name},
                 {"difficulty", q.tags.difficulty},
                 {"type", to_code(q.type)},
                 {"stem", q.stem},
                 {"images", string_array(q.images)},
                 {"options", std::move(options)},
                 {"fixed_option_order", q.fixed_option_order},
                 {"blanks", std::move(blanks)},
                 {"rubric", q.rubric},
                 {"marks", q.marks},
                 {"partial_credit", to_code(q.partial_credit)},
                 {"category", r.category},
                 {"explanation", r.explanation},
                 {"active", r.active},
                 {"created_at", r.created_at},
                 {"updated_at", r.updated_at}};
  o["skill_level"] = q.tags.skill_level ? json::value(static_cast<int>(*q.tags.skill_level)) : json::value(nullptr);
  return o;
}

service::QuestionInput question_input(const json::object& body) {
  service::QuestionInput in;
  auto& q = in.question;
  const auto type = opt_string(body, "type", 40);
  if (!type || !parse_question_type(*type)) throw core::invalid("type", "题型应为 single_choice、multiple_choice、true_false、fill_blank 或 short_answer (unknown type)");
  q.type = *parse_question_type(*type);
  const auto wt = opt_id(body, "work_type_id");
  if (!wt) throw core::invalid("work_type_id", "work_type_id 为必填项 (is required)");
  q.tags.work_type_id = *wt;
  q.tags.dimension_id = opt_id(body, "dimension_id").value_or(0);
  if (const auto* lv = body.if_contains("skill_level"); lv && !lv->is_null()) {
    const auto text = lv->is_string() ? std::string(lv->as_string()) : lv->is_int64() ? std::to_string(lv->as_int64()) : std::string();
    const auto level = core::parse_skill_level(text);
    if (!level) throw core::invalid("skill_level", "技能等级无法识别 (unknown skill level)");
    q.tags.skill_level = level;
  }
  q.tags.difficulty = integer(body, "difficulty", 3);
  q.stem = opt_string(body, "stem", 20000).value_or("");
  q.images = strings(body.if_contains("images"), "images");
  if (const auto* opts = opt_array(body, "options")) {
    if (opts->size() > 12) throw core::invalid("options", "最多12个选项 (at most 12 options)");
    for (size_t i = 0; i < opts->size(); ++i) {
      const auto& v = (*opts)[i];
      const auto field = "options[" + std::to_string(i) + "]";
      if (!v.is_object()) throw core::invalid(field, "选项应为对象 (each option must be an object)");
      const auto& o = v.as_object();
      Option opt;
      opt.text = opt_string(o, "text", 5000).value_or("");
      opt.image = opt_string(o, "image", 200).value_or("");
      opt.correct = opt_bool(o, "correct").value_or(false);
      q.options.push_back(std::move(opt));
    }
  }
  q.fixed_option_order = opt_bool(body, "fixed_option_order").value_or(false);
  if (const auto* blanks = opt_array(body, "blanks")) {
    if (blanks->size() > 20) throw core::invalid("blanks", "最多20个空 (at most 20 blanks)");
    for (size_t i = 0; i < blanks->size(); ++i) {
      const auto& v = (*blanks)[i];
      const auto field = "blanks[" + std::to_string(i) + "]";
      // {accepted: [...]} or just the list
      const auto* list = v.is_object() ? v.as_object().if_contains("accepted") : &v;
      q.blanks.push_back({strings(list, field + ".accepted")});
    }
  }
  q.rubric = opt_string(body, "rubric", 5000).value_or("");
  q.marks = number(body, "marks", 1);
  if (const auto pc = opt_string(body, "partial_credit", 40)) {
    const auto policy = parse_partial_credit(*pc);
    if (!policy) throw core::invalid("partial_credit", "评分方式应为 all_or_nothing 或 proportional (unknown policy)");
    q.partial_credit = *policy;
  }
  in.org_id = opt_id(body, "org_id");
  in.category = opt_string(body, "category", 200).value_or("");
  in.explanation = opt_string(body, "explanation", 5000).value_or("");
  return in;
}

json::value to_json(const service::ExamView& e) {
  json::object paper{{"mode", e.paper_mode}};
  if (e.paper_mode == "fixed") {
    json::array ids;
    for (auto id : e.question_ids) ids.push_back(id_json(id));
    paper["question_ids"] = std::move(ids);
  } else {
    json::array rows;
    for (const auto& r : e.rows)
      rows.push_back(json::object{{"type", to_code(r.type)}, {"count", r.count}, {"dimension_id", opt_id_json(r.dimension_id)},
                                  {"min_difficulty", r.min_difficulty}, {"max_difficulty", r.max_difficulty}, {"marks_each", r.marks_each}});
    paper["rows"] = std::move(rows);
  }
  return json::object{{"id", id_json(e.id)},
                      {"title", e.title},
                      {"org_id", id_json(e.org_id)},
                      {"work_type_id", id_json(e.work_type_id)},
                      {"work_type_name", e.work_type_name},
                      {"paper", std::move(paper)},
                      {"opens_at", e.opens_at},
                      {"closes_at", e.closes_at},
                      {"duration_minutes", e.duration_minutes},
                      {"pass_percent", e.pass_percent},
                      {"status", e.status},
                      {"total_marks", e.total_marks},
                      {"candidates", e.candidates},
                      {"started", e.started},
                      {"submitted", e.submitted},
                      {"pending_manual", e.pending_manual},
                      {"created_at", e.created_at}};
}

service::ExamInput exam_input(const json::object& body) {
  service::ExamInput in;
  in.title = opt_string(body, "title", 400).value_or("");
  in.org_id = opt_id(body, "org_id");
  const auto wt = opt_id(body, "work_type_id");
  if (!wt) throw core::invalid("work_type_id", "work_type_id 为必填项 (is required)");
  in.work_type_id = *wt;
  in.opens_at = opt_string(body, "opens_at", 40).value_or("");
  in.closes_at = opt_string(body, "closes_at", 40).value_or("");
  in.duration_minutes = integer(body, "duration_minutes", 60);
  in.pass_percent = number(body, "pass_percent", 60);
  const auto* paper = body.if_contains("paper");
  if (!paper || !paper->is_object()) throw core::invalid("paper", "paper 为必填项 (is required)");
  const auto& p = paper->as_object();
  in.paper_mode = opt_string(p, "mode", 20).value_or("blueprint");
  if (in.paper_mode == "fixed") {
    in.question_ids = opt_id_list(p, "question_ids", 300).value_or(std::vector<std::int64_t>{});
  } else if (const auto* rows = opt_array(p, "rows")) {
    for (size_t i = 0; i < rows->size(); ++i) {
      if (!(*rows)[i].is_object()) throw core::invalid("paper.rows", "每行应为对象 (each row must be an object)");
      const auto& r = (*rows)[i].as_object();
      BlueprintRow row;
      const auto type = opt_string(r, "type", 40).value_or("");
      if (!parse_question_type(type)) throw core::invalid("paper.rows[" + std::to_string(i) + "].type", "题型无法识别 (unknown type)");
      row.type = *parse_question_type(type);
      row.count = integer(r, "count", 0);
      row.dimension_id = opt_id(r, "dimension_id");
      row.min_difficulty = integer(r, "min_difficulty", 1);
      row.max_difficulty = integer(r, "max_difficulty", 5);
      row.marks_each = number(r, "marks_each", 1);
      in.rows.push_back(row);
    }
  }
  return in;
}

json::value to_json(const service::CandidateSession& s) {
  return json::object{{"worker_id", id_json(s.worker_id)}, {"worker_name", s.worker_name}, {"org_name", s.org_name},
                      {"status", s.status},         {"session_id", opt_id_json(s.session_id)}, {"started_at", s.started_at},
                      {"submitted_at", s.submitted_at}, {"auto_submitted", s.auto_submitted}, {"score", opt_num(s.score)},
                      {"max_score", s.max_score},   {"pending_manual", s.pending_manual}, {"integrity_events", s.integrity_events},
                      {"ip", s.ip},                 {"user_agent", s.user_agent}};
}

json::value to_json(const service::SessionState& s) {
  return json::object{{"id", id_json(s.id)},
                      {"exam_id", id_json(s.exam_id)},
                      {"status", s.status},
                      {"started_at", s.started_at},
                      {"deadline_at", s.deadline_at},
                      {"submitted_at", s.submitted_at},
                      {"remaining_seconds", s.remaining_seconds},
                      {"server_time", s.server_time},
                      {"auto_submitted", s.auto_submitted},
                      {"score", opt_num(s.score)},
                      {"max_score", s.max_score},
                      {"pending_manual", s.pending_manual}};
}

json::value to_json(const service::MyExam& e) {
  return json::object{{"id", id_json(e.id)},           {"title", e.title},
                      {"work_type_name", e.work_type_name}, {"opens_at", e.opens_at},
                      {"closes_at", e.closes_at},      {"duration_minutes", e.duration_minutes},
                      {"total_marks", e.total_marks},  {"state", e.state},
                      {"session_id", opt_id_json(e.session_id)}, {"score", opt_num(e.score)},
                      {"max_score", e.max_score},      {"pending_manual", e.pending_manual}};
}

json::value to_json(const ShownQuestion& q) {
  json::array options;
  for (const auto& o : q.options) options.push_back(json::object{{"id", o.id}, {"text", o.text}, {"image", o.image}});
  return json::object{{"id", q.id},          {"type", to_code(q.type)}, {"stem", q.stem}, {"images", string_array(q.images)},
                      {"options", std::move(options)}, {"blanks", q.blanks}, {"marks", q.marks}};
}

json::value to_json(const service::GradingItem& g) {
  return json::object{{"answer_id", g.answer_id}, {"question_stem", g.question_stem}, {"rubric", g.rubric}, {"text", g.text},
                      {"marks", g.marks},         {"awarded", opt_num(g.awarded)},   {"graded_by", g.graded_by}};
}

json::value to_json(const service::ExamStatistics& s) {
  json::array items;
  for (const auto& i : s.items) {
    json::array flags;
    for (auto f : i.stats.flags) flags.emplace_back(to_code(f));
    items.push_back(json::object{{"question_id", id_json(i.question_id)}, {"stem", i.stem}, {"type", i.type},
                                 {"dimension_name", i.dimension_name}, {"marks", i.marks}, {"answered", i.answered},
                                 {"p", opt_num(i.stats.p)}, {"item_rest_r", opt_num(i.stats.item_rest_r)},
                                 {"discrimination", opt_num(i.stats.discrimination)}, {"flags", std::move(flags)}});
  }
  return json::object{{"candidates", s.candidates}, {"mean_total", s.mean_total}, {"sd_total", s.sd_total},
                      {"kr20", opt_num(s.kr20)},    {"alpha", opt_num(s.alpha)},  {"items", std::move(items)}};
}

std::vector<service::SavedAnswer> saved_answers(const json::object& body, bool with_seq) {
  std::vector<service::SavedAnswer> out;
  const auto* answers = opt_array(body, "answers");
  if (!answers) return out;
  if (answers->size() > 300) throw core::invalid("answers", "一次最多300题 (at most 300 answers)");
  for (size_t k = 0; k < answers->size(); ++k) {
    const auto field = "answers[" + std::to_string(k) + "]";
    if (!(*answers)[k].is_object()) throw core::invalid(field, "答案应为对象 (each answer must be an object)");
    const auto& a = (*answers)[k].as_object();
    service::SavedAnswer s;
    s.question = opt_string(a, "question", 40).value_or("");
    if (s.question.empty()) throw core::invalid(field + ".question", "缺少题目标识 (question is required)");
    const auto* response = a.if_contains("response");
    s.response = response ? service::read_response(*response, field + ".response") : core::exam::Response{};
    if (with_seq) {
      const auto* seq = a.if_contains("seq");
      if (!seq || !seq->is_int64() || seq->as_int64() < 1)
        throw core::invalid(field + ".seq", "seq 应为正整数 (a positive integer counter)");
      s.seq = seq->as_int64();
    } else {
      s.seq = std::numeric_limits<std::int64_t>::max();  // the final answers win over any autosave
    }
    out.push_back(std::move(s));
  }
  return out;
}

json::value to_json(const service::LevelView& l) {
  return json::object{{"id", id_json(l.id)},         {"work_type_id", id_json(l.work_type_id)}, {"name", l.name},
                      {"position", l.position},      {"question_count", l.question_count},   {"pass_percent", l.pass_percent},
                      {"min_difficulty", l.min_difficulty}, {"max_difficulty", l.max_difficulty}, {"best_percent", opt_num(l.best_percent)},
                      {"passed", l.passed},          {"unlocked", l.unlocked}};
}

json::value to_json(const service::PracticeAttempt& a) {
  json::array questions;
  for (const auto& q : a.questions) questions.push_back(to_json(q));
  return json::object{{"attempt_id", id_json(a.attempt_id)}, {"level", a.level ? to_json(*a.level) : json::value(nullptr)},
                      {"questions", std::move(questions)}};
}

json::value to_json(const service::PracticeResult& r) {
  json::array items;
  for (const auto& i : r.items) {
    json::array accepted;
    for (const auto& b : i.accepted_answers) accepted.push_back(string_array(b));
    items.push_back(json::object{{"question", i.question}, {"correct", i.correct}, {"awarded", i.awarded}, {"marks", i.marks},
                                 {"correct_option_ids", string_array(i.correct_option_ids)}, {"accepted_answers", std::move(accepted)},
                                 {"rubric", i.rubric}, {"explanation", i.explanation}});
  }
  return json::object{{"score", r.score},   {"max_score", r.max_score},
                      {"percent", r.percent}, {"passed", r.passed},
                      {"next_level_id", opt_id_json(r.next_level_id)}, {"points", r.points},
                      {"items", std::move(items)}};
}

}  // namespace skb::http
