#include "http/json_input.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <fmt/format.h>

#include "core/platform/error.hpp"
#include "service/platform/json_text.hpp"

namespace skb::http {
namespace {

std::optional<std::int64_t> parse_id_text(std::string_view s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<std::int64_t> id_of(const boost::json::value& v) {
  if (v.is_int64() && v.get_int64() > 0) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX) && v.get_uint64() > 0)
    return static_cast<std::int64_t>(v.get_uint64());
  if (v.is_string()) return parse_id_text(v.get_string());
  return std::nullopt;
}

void require_json_body(const Request& request) {
  auto type = request.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (type != "application/json")
    throw core::Error(core::ErrorKind::unsupported_media_type, "unsupported_media_type",
                      "请求体应为 JSON，Content-Type: application/json (send the body as application/json)", "Content-Type");
}

}  // namespace

boost::json::object parse_object(const Request& request) {
  require_json_body(request);
  if (request.body.empty()) throw core::invalid("body", "请求体不能为空，应为 JSON 对象 (a JSON object body is required)", "bad_json");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(request.body, ec);
  if (ec) throw core::invalid("body", "请求体不是有效的 JSON (malformed JSON: " + ec.message() + ")", "bad_json");
  if (!v.is_object()) throw core::invalid("body", "请求体应为 JSON 对象 (the body must be a JSON object)", "bad_json");
  if (const auto path = service::non_finite_path(v); !path.empty())  // boost::json reads 1e999 as infinity
    throw core::invalid("body", "数字超出范围 (a number is out of range at " + path + ")", "bad_json");
  return std::move(v.as_object());
}

std::optional<std::string> opt_string(const boost::json::object& o, const char* key, size_t max_bytes) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw core::invalid(key, std::string(key) + " 应为字符串 (must be a string)");
  const auto& s = v->get_string();
  if (s.size() > max_bytes) throw core::invalid(key, std::string(key) + " 过长 (too long)");
  if (s.find('\0') != boost::json::string::npos) throw core::invalid(key, std::string(key) + " 含有空字符 (must not contain NUL)");
  return std::string(s);
}

std::string required_string(const boost::json::object& o, const char* key, size_t max_bytes) {
  auto s = opt_string(o, key, max_bytes);
  if (!s) throw core::invalid(key, std::string(key) + " 为必填项 (is required)");
  return *s;
}

std::string required_token(const boost::json::object& o, const char* key, size_t max_bytes, const std::string& field) {
  const auto* v = o.if_contains(key);
  const std::string name = field.empty() ? key : field;
  if (!v || v->is_null()) throw core::invalid(name, std::string(key) + " 为必填项 (is required)");
  if (!v->is_string()) throw core::invalid(name, std::string(key) + " 应为字符串 (must be a string)");
  const auto& s = v->get_string();
  if (s.empty() || s.size() > max_bytes)
    throw core::invalid(name, std::string(key) + " 应为1–" + std::to_string(max_bytes) + "个字符 (1–" + std::to_string(max_bytes) + " characters)");
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f || ch == ' ')
      throw core::invalid(name, std::string(key) + " 不能含空格或控制字符 (no spaces or control characters)");
  return std::string(s);
}

std::optional<std::int64_t> opt_id(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  auto id = id_of(*v);
  if (!id) throw core::invalid(key, std::string(key) + " 应为有效的编号 (must be an id)");
  return id;
}

std::optional<std::vector<std::int64_t>> opt_id_list(const boost::json::object& o, const char* key, size_t max_items) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_array()) throw core::invalid(key, std::string(key) + " 应为数组 (must be an array of ids)");
  std::vector<std::int64_t> ids;
  for (const auto& item : v->get_array()) {
    auto id = id_of(item);
    if (!id) throw core::invalid(key, std::string(key) + " 应为编号数组 (must be an array of ids)");
    ids.push_back(*id);
  }
  if (ids.size() > max_items)
    throw core::invalid(key, std::string(key) + " 最多" + std::to_string(max_items) + "项 (at most " + std::to_string(max_items) + " items)");
  return ids;
}

std::optional<bool> opt_bool(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) throw core::invalid(key, std::string(key) + " 应为布尔值 (must be true or false)");
  return v->get_bool();
}

const boost::json::array* opt_array(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) throw core::invalid(key, std::string(key) + " 应为数组 (must be an array)");
  return &v->get_array();
}

std::int64_t path_id(const Request& request, const char* name) {
  auto it = request.params.find(name);
  auto id = it == request.params.end() ? std::nullopt : parse_id_text(it->second);
  if (!id) throw core::Error(core::ErrorKind::not_found, "not_found", "no such " + std::string(name) + ": " + (it == request.params.end() ? "" : it->second));
  return *id;
}

std::optional<std::int64_t> query_id(const Request& request, const char* name) {
  const auto text = request.query_or(name);
  if (text.empty()) return std::nullopt;
  auto id = parse_id_text(text);
  if (!id) throw core::invalid(name, std::string(name) + " 应为有效的编号 (must be an id)");
  return id;
}

int query_limit(const Request& request, int fallback, int max) {
  const auto text = request.query_or("limit");
  if (text.empty()) return fallback;
  auto v = parse_id_text(text);
  if (!v || *v > max) throw core::invalid("limit", "limit 应为 1 到 " + std::to_string(max) + " 之间的整数 (limit must be 1–" + std::to_string(max) + ")");
  return static_cast<int>(*v);
}

std::string sheet_cell(const boost::json::object& o, const char* key, const std::string& field_prefix) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  if (v->is_double()) return fmt::format("{}", v->get_double());
  if (v->is_bool()) return v->get_bool() ? "true" : "false";
  throw core::invalid(field_prefix + key, std::string(key) + " 应为文本或数字 (must be text or a number)");
}

}  // namespace skb::http
