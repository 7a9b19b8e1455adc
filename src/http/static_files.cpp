#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace skb::http {
namespace {

std::string content_type(const std::string& path) {
  static const std::map<std::string, std::string> kTypes{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".csv", "text/csv; charset=utf-8"}, {".webmanifest", "application/manifest+json"}};
  const auto ext = std::filesystem::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool safe(const std::string& path) {
  return path.find("..") == std::string::npos && path.find('\\') == std::string::npos && path.find('\0') == std::string::npos;
}

}  // namespace

std::optional<std::string> StaticFiles::read(const std::string& relative) const {
  {
    std::shared_lock lock(mutex_);
    if (auto it = cache_.find(relative); it != cache_.end()) return it->second;
  }
  const auto full = std::filesystem::path(root_) / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(full, ec)) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::unique_lock lock(mutex_);
  return cache_.emplace(relative, bytes.str()).first->second;
}

std::optional<Response> StaticFiles::serve(const std::string& path) const {
  if (root_.empty() || !safe(path)) return std::nullopt;
  std::string relative = path.size() > 1 ? path.substr(1) : "index.html";
  auto body = read(relative);
  if (!body) {  // an app route such as /workers/12: the SPA decides
    relative = "index.html";
    body = read(relative);
    if (!body) return std::nullopt;
  }
  Response r{200, content_type(relative), std::move(*body), {}, {}};
  r.headers.emplace_back("Cache-Control", relative.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace skb::http
