#pragma once
// Serves the built web front end (web/dist): hashed assets with a year-long immutable cache, and
// index.html for every other non-API path so the single-page app's routes work on reload.
//
// Every request path is hostile: it is refused unless each segment is a plain name (no empty, "." or
// ".." segments, no backslash or control characters), and the file it names, with symlinks resolved,
// must be a regular file inside the canonical web root. Small files are cached by their resolved path,
// within a total size bound, and re-checked on disk (size and time) on every hit.
#include <filesystem>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace skb::http {

class StaticFiles {
 public:
  struct Limits {
    std::size_t max_cached_file = 4u << 20;   // larger files are read from disk on every request
    std::size_t max_cache_bytes = 64u << 20;  // least recently used entries are dropped past this
  };
  explicit StaticFiles(std::string root) : StaticFiles(std::move(root), Limits{}) {}
  StaticFiles(std::string root, Limits limits);

  // nullopt when the path is refused or nothing can be served (no web root, no index.html).
  std::optional<Response> serve(const std::string& path) const;
  std::size_t cached_bytes() const;

 private:
  struct Entry {
    std::string bytes;
    std::filesystem::file_time_type modified;
    std::list<std::string>::iterator lru;
  };
  // file: a regular file inside the root; missing: nothing there (an app route); refused: the path or a
  // symlink on it leads out of the root.
  enum class Found { file, missing, refused };
  struct Resolved {
    Found kind;
    std::filesystem::path file;
  };
  Resolved resolve(const std::string& relative) const;
  std::optional<std::string> read(const std::filesystem::path& file) const;

  std::filesystem::path root_;  // canonical; empty when there is no web root
  Limits limits_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, Entry> cache_;
  mutable std::list<std::string> lru_;  // most recently used first
  mutable std::size_t cached_bytes_ = 0;
};

// Whether a decoded request path is a plain "/a/b.c" path: every segment non-empty, not "." or "..",
// and free of backslashes and control characters.
bool plain_request_path(const std::string& path);

}  // namespace skb::http
