#include "service/exams/codec.hpp"
#include "service/platform/json_text.hpp"

#include <boost/json.hpp>

#include "core/platform/error.hpp"

namespace skb::service {
namespace json = boost::json;
using namespace core::exam;

namespace {

json::array string_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> read_strings(const json::value* v) {
  std::vector<std::string> out;
  if (!v || !v->is_array()) return out;
  for (const auto& s : v->as_array())
    if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

}  // namespace

std::string question_body_json(const Question& q) {
  json::array options;
  for (const auto& o : q.options) options.push_back(json::object{{"text", o.text}, {"image", o.image}, {"correct", o.correct}});
  json::array blanks;
  for (const auto& b : q.blanks) blanks.push_back(string_array(b.accepted));
  return skb::service::json_text(json::object{{"images", string_array(q.images)},
                                      {"options", std::move(options)},
                                      {"fixed_option_order", q.fixed_option_order},
                                      {"blanks", std::move(blanks)},
                                      {"rubric", q.rubric}});
}

void read_question_body(const std::string& body, Question& q) {
  const auto v = json::parse(body).as_object();
  q.images = read_strings(v.if_contains("images"));
  q.options.clear();
  for (const auto& o : v.at("options").as_array()) {
    const auto& obj = o.as_object();
    q.options.push_back({std::string(obj.at("text").as_string()), std::string(obj.at("image").as_string()), obj.at("correct").as_bool()});
  }
  q.fixed_option_order = v.at("fixed_option_order").as_bool();
  q.blanks.clear();
  for (const auto& b : v.at("blanks").as_array()) q.blanks.push_back({read_strings(&b)});
  q.rubric = std::string(v.at("rubric").as_string());
}

std::string paper_json(const Paper& paper) {
  json::array items;
  for (const auto& it : paper.items) {
    json::array order;
    for (int k : it.options.order) order.push_back(k);
    items.push_back(json::object{{"q", it.question_id}, {"s", it.shown_id}, {"r", it.row}, {"m", it.marks},
                                 {"o", std::move(order)}, {"i", string_array(it.options.ids)}});
  }
  return skb::service::json_text(json::object{{"items", std::move(items)}, {"total", paper.total_marks}});
}

Paper read_paper(const std::string& text) {
  const auto v = json::parse(text).as_object();
  Paper p;
  p.total_marks = v.at("total").to_number<double>();
  for (const auto& x : v.at("items").as_array()) {
    const auto& o = x.as_object();
    PaperItem it;
    it.question_id = o.at("q").to_number<std::int64_t>();
    it.shown_id = std::string(o.at("s").as_string());
    it.row = static_cast<int>(o.at("r").to_number<std::int64_t>());
    it.marks = o.at("m").to_number<double>();
    for (const auto& k : o.at("o").as_array()) it.options.order.push_back(static_cast<int>(k.to_number<std::int64_t>()));
    it.options.ids = read_strings(o.if_contains("i"));
    p.items.push_back(std::move(it));
  }
  return p;
}

Response read_response(const json::value& v, const std::string& field) {
  if (!v.is_object()) throw core::invalid(field, "答案格式错误 (a response must be an object)");
  const auto& o = v.as_object();
  Response r;
  auto strings = [&](const char* key, size_t max_items) {
    std::vector<std::string> out;
    const auto* a = o.if_contains(key);
    if (!a || a->is_null()) return out;
    if (!a->is_array() || a->as_array().size() > max_items)
      throw core::invalid(field + "." + key, "答案格式错误 (must be a short list of strings)");
    for (const auto& s : a->as_array()) {
      if (!s.is_string() || s.as_string().size() > 2000) throw core::invalid(field + "." + key, "答案格式错误 (must be strings)");
      out.emplace_back(s.as_string());
    }
    return out;
  };
  r.option_ids = strings("option_ids", 16);
  r.blanks = strings("blanks", 32);
  if (const auto* t = o.if_contains("text"); t && !t->is_null()) {
    if (!t->is_string() || t->as_string().size() > 20000) throw core::invalid(field + ".text", "作答过长 (the text is limited to 20,000 bytes)");
    r.text = std::string(t->as_string());
  }
  return r;
}

json::object response_json(const Response& r) {
  return json::object{{"option_ids", string_array(r.option_ids)}, {"blanks", string_array(r.blanks)}, {"text", r.text}};
}

Response read_response_text(const std::string& text) { return read_response(json::parse(text), "response"); }

}  // namespace skb::service
