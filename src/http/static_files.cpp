#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace skb::http {
namespace fs = std::filesystem;
namespace {

std::string content_type(const std::string& path) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".csv", "text/csv; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  const auto ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool inside(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin();
  auto c = candidate.begin();
  for (; r != root.end(); ++r, ++c)
    if (c == candidate.end() || *r != *c) return false;
  return c != candidate.end();  // strictly below the root
}

}  // namespace

bool plain_request_path(const std::string& path) {
  if (path.empty() || path.front() != '/') return false;
  if (path == "/") return true;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const auto segment = std::string_view(path).substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    for (unsigned char ch : segment)
      if (ch < 0x20 || ch == 0x7f || ch == '\\' || ch == ':') return false;
    start = end + 1;
  }
  return true;
}

StaticFiles::StaticFiles(std::string root, Limits limits) : limits_(limits) {
  std::error_code ec;
  if (root.empty()) return;
  auto canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

StaticFiles::Resolved StaticFiles::resolve(const std::string& relative) const {
  std::error_code ec;
  // Symlinks in the part that exists are followed: a link out of the root is refused, not "missing".
  const auto where = fs::weakly_canonical(root_ / fs::path(relative), ec);
  if (ec || !inside(root_, where)) return {Found::refused, {}};
  const auto candidate = fs::canonical(where, ec);
  if (ec) return {Found::missing, {}};
  if (!inside(root_, candidate)) return {Found::refused, {}};
  if (!fs::is_regular_file(candidate, ec) || ec) return {Found::missing, {}};
  return {Found::file, candidate};
}

std::optional<std::string> StaticFiles::read(const fs::path& file) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto modified = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  const std::string key = file.string();
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      if (it->second.modified == modified && it->second.bytes.size() == size) {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        return it->second.bytes;
      }
      cached_bytes_ -= it->second.bytes.size();  // changed on disk: read it again
      lru_.erase(it->second.lru);
      cache_.erase(it);
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string body = bytes.str();
  if (body.size() > limits_.max_cached_file) return body;
  std::lock_guard lock(mutex_);
  if (cache_.count(key)) return body;  // another thread cached it meanwhile
  while (cached_bytes_ + body.size() > limits_.max_cache_bytes && !lru_.empty()) {
    auto victim = cache_.find(lru_.back());
    cached_bytes_ -= victim->second.bytes.size();
    cache_.erase(victim);
    lru_.pop_back();
  }
  lru_.push_front(key);
  cached_bytes_ += body.size();
  cache_.emplace(key, Entry{body, modified, lru_.begin()});
  return body;
}

std::size_t StaticFiles::cached_bytes() const {
  std::lock_guard lock(mutex_);
  return cached_bytes_;
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  if (root_.empty() || !plain_request_path(path)) return std::nullopt;
  const std::string relative = path == "/" ? "index.html" : path.substr(1);
  auto found = resolve(relative);
  if (found.kind == Found::refused) return std::nullopt;
  std::string name = relative;
  if (found.kind == Found::missing) {
    // An app route such as /workers/12: the single-page app decides. A missing asset is a 404, never
    // a page of HTML served as script.
    if (relative.starts_with("assets/")) return std::nullopt;
    name = "index.html";
    found = resolve(name);
    if (found.kind != Found::file) return std::nullopt;
  }
  auto body = read(found.file);
  if (!body) return std::nullopt;
  Response r{200, content_type(name), std::move(*body), {}, {}};
  r.headers.emplace_back("Cache-Control", name.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace skb::http
