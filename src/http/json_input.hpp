#pragma once
// Reading request bodies and query strings: every wrong type or missing field becomes a 400 with the
// field named, never a crash or a silent default.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace skb::http {

// The body as a JSON object. Refuses (415) a body whose Content-Type is not application/json (a form or
// text/plain body is how a page on another site could post to us without a CORS preflight), and (400) a
// number out of double's range; strings read from it never carry NUL.
boost::json::object parse_object(const Request& request);

std::optional<std::string> opt_string(const boost::json::object& o, const char* key, size_t max_bytes = 10000);
std::string required_string(const boost::json::object& o, const char* key, size_t max_bytes = 10000);
// An identifier chosen by a client (an idempotency client_id): 1–max_bytes bytes, no spaces or
// control characters. `field` names it in the error (default: key).
std::string required_token(const boost::json::object& o, const char* key, size_t max_bytes, const std::string& field = {});
// Ids are strings in our API; integers are accepted too.
std::optional<std::int64_t> opt_id(const boost::json::object& o, const char* key);
std::optional<std::vector<std::int64_t>> opt_id_list(const boost::json::object& o, const char* key, size_t max_items = 100);
std::optional<bool> opt_bool(const boost::json::object& o, const char* key);
const boost::json::array* opt_array(const boost::json::object& o, const char* key);
// A cell of an imported sheet, or a form field that may be typed either way: read-excel-file gives text, a
// number or a boolean, and all become text for the domain to parse ("85.5" and 85.5 alike). Anything else
// is refused with the field named `field_prefix` + key (e.g. "rows[3].hours").
std::string sheet_cell(const boost::json::object& o, const char* key, const std::string& field_prefix = {});

std::int64_t path_id(const Request& request, const char* name = "id");
std::optional<std::int64_t> query_id(const Request& request, const char* name);
int query_limit(const Request& request, int fallback = 20, int max = 200);

}  // namespace skb::http
