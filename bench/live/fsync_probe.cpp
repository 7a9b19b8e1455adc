// The disk's own commit rate, the physical limit beside the durable-marks benchmark: one thread writes
// 4 KiB and calls fdatasync in a loop, in the directory that holds the database, for --duration
// seconds per pattern. Two patterns, as SQLite's WAL sees them: "overwrite" rewrites a preallocated
// 4 MiB file in order (a WAL reused after a checkpoint), "append" grows a new file (a WAL growing, so
// each fdatasync also commits the file size). Prints "name value unit" lines.
//   skb_bench_fsync --dir DIR [--duration 3]
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "common.hpp"

using namespace live;

namespace {

void probe(const std::string& name, const std::string& path, bool append, double duration) {
  constexpr std::size_t kBlock = 4096, kFile = 4u << 20;
  const int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) die("open " + path);
  std::vector<char> block(kBlock, 'x');
  if (!append) {
    for (std::size_t off = 0; off < kFile; off += kBlock)
      if (::pwrite(fd, block.data(), kBlock, static_cast<off_t>(off)) != static_cast<ssize_t>(kBlock)) die("pwrite");
    if (::fsync(fd) != 0) die("fsync");
  }
  std::vector<std::uint32_t> us;
  std::size_t off = 0;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
  while (Clock::now() < end && us.size() < 10'000'000) {
    block[0] = static_cast<char>(us.size());
    const auto t0 = Clock::now();
    if (::pwrite(fd, block.data(), kBlock, static_cast<off_t>(off)) != static_cast<ssize_t>(kBlock)) die("pwrite");
    if (::fdatasync(fd) != 0) die("fdatasync");
    us.push_back(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count()));
    off += kBlock;
    if (!append && off >= kFile) off = 0;
  }
  const double elapsed = seconds_since(start);
  ::close(fd);
  ::unlink(path.c_str());
  std::sort(us.begin(), us.end());
  std::printf("fsync_%s_per_s %.1f fdatasync/s\n", name.c_str(), static_cast<double>(us.size()) / elapsed);
  std::printf("fsync_%s_p50_ms %.3f ms\n", name.c_str(), percentile(us, 50) / 1000);
  std::printf("fsync_%s_p99_ms %.3f ms\n", name.c_str(), percentile(us, 99) / 1000);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args{argc, argv};
  const auto dir = args.get("dir", ".");
  const double duration = args.num("duration", 3);
  if (duration <= 0 || duration > 60) die("--duration: 0 < seconds ≤ 60");
  const auto path = dir + "/skb-fsync-probe." + std::to_string(::getpid());
  probe("overwrite", path, false, duration);
  probe("append", path, true, duration);
}
