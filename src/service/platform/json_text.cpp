#include "service/platform/json_text.hpp"

#include <boost/json/serialize.hpp>
#include <cmath>

#include "core/platform/error.hpp"

namespace skb::service {
namespace {

// Appends the path of the first non-finite number to `path` and returns true, or returns false. The
// path is only built on the way out of a failure, so a clean walk allocates nothing.
bool non_finite(const boost::json::value& v, std::string& path);

bool non_finite(const boost::json::array& a, std::string& path) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (non_finite(a[i], path)) return path.insert(0, "[" + std::to_string(i) + "]"), true;
  return false;
}

bool non_finite(const boost::json::object& o, std::string& path) {
  for (const auto& [key, item] : o)
    if (non_finite(item, path)) return path.insert(0, "." + std::string(key)), true;
  return false;
}

bool non_finite(const boost::json::value& v, std::string& path) {
  switch (v.kind()) {
    case boost::json::kind::double_: return !std::isfinite(v.get_double());
    case boost::json::kind::array: return non_finite(v.get_array(), path);
    case boost::json::kind::object: return non_finite(v.get_object(), path);
    default: return false;
  }
}

template <typename Json>
std::string checked(const Json& json) {
  std::string path;
  if (non_finite(json, path))
    throw core::Error(core::ErrorKind::internal, "non_finite_number", "refusing to write a non-finite number at $" + path);
  return boost::json::serialize(json);
}

}  // namespace

std::string json_text(const boost::json::value& value) { return checked(value); }
std::string json_text(const boost::json::object& object) { return checked(object); }
std::string json_text(const boost::json::array& array) { return checked(array); }

std::string non_finite_path(const boost::json::value& value) {
  std::string path;
  return non_finite(value, path) ? "$" + path : std::string();
}

}  // namespace skb::service
