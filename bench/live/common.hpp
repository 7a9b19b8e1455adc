#pragma once
// Shared pieces of the live-board load generators (bench/live): loopback-only URL parsing, a blocking
// HTTP helper for setup (log in, read a judge's tasks), valid mark values from an event's scheme,
// percentiles, and CPU/RSS readings from /proc. Setup only: the timed loops live in each program.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace live {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

[[noreturn]] inline void die(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  std::exit(2);
}

// "http://127.0.0.1:8080" → endpoint. Anything but a loopback address is refused.
inline tcp::endpoint loopback_endpoint(const std::string& url) {
  std::string rest = url;
  if (rest.rfind("http://", 0) == 0) rest = rest.substr(7);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) die("url needs a port: " + url);
  std::string host = rest.substr(0, colon);
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec || !address.is_loopback()) die("loopback only (127.0.0.0/8 or ::1): " + url);
  return {address, static_cast<unsigned short>(std::stoi(rest.substr(colon + 1)))};
}

struct Reply {
  int status = 0;
  std::string body;
};

// One blocking request on its own connection (setup and checks only).
inline Reply request(const tcp::endpoint& at, http::verb verb, const std::string& target, const std::string& body = {},
                     const std::string& token = {}) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(at);
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  boost::system::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return {static_cast<int>(res.result_int()), std::move(res.body())};
}

inline std::string login(const tcp::endpoint& at, const std::string& username, const std::string& password) {
  const auto r = request(at, http::verb::post, "/api/v1/auth/login",
                         json::serialize(json::object{{"username", username}, {"password", password}}));
  if (r.status != 200) die("login " + username + ": HTTP " + std::to_string(r.status) + " " + r.body);
  return std::string(json::parse(r.body).at("token").as_string());
}

struct Aspect {
  std::int64_t id = 0;
  std::string kind;  // judgement | measurement | deduction
  double max = 0, step = 1;
};

// One entrant a judge may mark, with the aspects of its event (the judge's component, if any).
struct Target {
  std::int64_t event_id = 0, entry_id = 0;
  const std::vector<Aspect>* aspects = nullptr;
};

struct Judge {
  std::string username, token;
  std::deque<std::vector<Aspect>> schemes;  // one per task; Target::aspects points in here
  std::vector<Target> targets;
};

inline std::int64_t id_of(const json::value& v) {
  if (v.is_string()) return std::stoll(std::string(v.as_string()));
  return v.to_number<std::int64_t>();
}

// GET /api/v1/judging/tasks: the entrants (not in conflict, not withdrawn) and aspects this judge may
// mark, limited to one event when event_id > 0.
inline void load_tasks(const tcp::endpoint& at, Judge& judge, std::int64_t event_id = 0) {
  const auto r = request(at, http::verb::get, "/api/v1/judging/tasks", {}, judge.token);
  if (r.status != 200) die("tasks of " + judge.username + ": HTTP " + std::to_string(r.status));
  const auto doc = json::parse(r.body);
  for (const auto& t : doc.at("items").as_array()) {
    const auto& event = t.at("event").as_object();
    const auto eid = id_of(event.at("id"));
    if (event_id > 0 && eid != event_id) continue;
    const auto& component = t.at("component_id");
    std::vector<Aspect> aspects;
    for (const auto& c : event.at("components").as_array()) {
      if (!component.is_null() && id_of(c.at("id")) != id_of(component)) continue;
      for (const auto& a : c.at("aspects").as_array())
        aspects.push_back({id_of(a.at("id")), std::string(a.at("kind").as_string()), a.at("max_mark").to_number<double>(),
                           a.at("step").is_null() ? 1.0 : a.at("step").to_number<double>()});
    }
    if (aspects.empty()) continue;
    judge.schemes.push_back(std::move(aspects));  // a deque: earlier schemes stay where they are
    for (const auto& e : t.at("entries").as_array()) {
      if (e.at("conflict").as_bool() || e.at("status").as_string() == "withdrawn") continue;
      judge.targets.push_back({eid, id_of(e.at("entry_id")), &judge.schemes.back()});
    }
  }
  if (judge.targets.empty()) die(judge.username + " has nothing to mark" + (event_id ? " in event " + std::to_string(event_id) : ""));
}

// A valid value: judgement 0–3, measurement 0–max on the step, deduction 0 or 1.
template <class Rng>
double value_for(const Aspect& a, Rng& rng) {
  if (a.kind == "judgement") return static_cast<double>(rng() % 4);
  if (a.kind == "deduction") return static_cast<double>(rng() % 2);
  const auto steps = static_cast<std::uint64_t>(std::floor(a.max / a.step + 1e-9));
  return static_cast<double>(rng() % (steps + 1)) * a.step;
}

inline void append_mark(std::string& out, const std::string& client_id, std::int64_t entry, std::int64_t aspect, double value) {
  char buf[160];
  const int n = std::snprintf(buf, sizeof buf, R"({"client_id":"%s","entry_id":%lld,"aspect_id":%lld,"value":%g})", client_id.c_str(),
                              static_cast<long long>(entry), static_cast<long long>(aspect), value);
  out.append(buf, static_cast<std::size_t>(n));
}

// "user:password,user:password"
inline std::vector<std::pair<std::string, std::string>> parse_accounts(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) die("accounts are user:password, comma-separated");
    out.emplace_back(item.substr(0, colon), item.substr(colon + 1));
  }
  if (out.empty()) die("no accounts given");
  return out;
}

// Percentile of sorted values (nearest rank).
template <class T>
double percentile(const std::vector<T>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return static_cast<double>(sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)]);
}

// utime + stime of a process in seconds (/proc/PID/stat fields 14 and 15).
inline double cpu_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::stringstream fields(text.substr(close + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {
    if (i == 14) utime = std::stoull(f);
    if (i == 15) {
      stime = std::stoull(f);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

inline double rss_mib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

inline double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Minimal "--name value" options.
struct Args {
  int argc;
  char** argv;
  std::string get(const std::string& name, const std::string& fallback) const {
    for (int i = 1; i + 1 < argc; ++i)
      if (argv[i] == "--" + name) return argv[i + 1];
    return fallback;
  }
  double num(const std::string& name, double fallback) const {
    const auto v = get(name, "");
    return v.empty() ? fallback : std::stod(v);
  }
};

}  // namespace live
