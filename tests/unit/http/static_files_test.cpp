#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using skb::http::plain_request_path;
using skb::http::StaticFiles;

namespace {

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("skb-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    write(dir_ / "web" / "index.html", "<title>app</title>");
    write(dir_ / "secret.txt", "outside");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string served(const StaticFiles& files, const std::string& path) {
    auto r = files.serve(path);
    return r ? r->body : "<none>";
  }
  fs::path dir_;
};

}  // namespace

TEST(StaticFilesPaths, OnlyPlainPathsPass) {
  EXPECT_TRUE(plain_request_path("/"));
  EXPECT_TRUE(plain_request_path("/assets/app-1.js"));
  EXPECT_TRUE(plain_request_path("/workers/12"));
  for (const char* bad : {"", "//etc/passwd", "/a//b", "/./x", "/a/../b", "/..", "/a\\b", "/a\rb", "/c:/x", "/x/"})
    EXPECT_FALSE(plain_request_path(bad)) << bad;
  EXPECT_FALSE(plain_request_path(std::string("/a\0b", 4)));
}

TEST_F(StaticFilesTest, SymlinksOutOfTheRootAreRefusedNotFallenBackOn) {
  fs::create_symlink(dir_ / "secret.txt", dir_ / "web" / "leak.txt");
  fs::create_directory_symlink(dir_, dir_ / "web" / "up");
  StaticFiles files((dir_ / "web").string());
  EXPECT_EQ(served(files, "/leak.txt"), "<none>");
  EXPECT_EQ(served(files, "/up/secret.txt"), "<none>");
  EXPECT_EQ(served(files, "/workers/12"), "<title>app</title>");  // an app route: the page decides
  EXPECT_EQ(served(files, "/assets/missing.js"), "<none>");
}

TEST_F(StaticFilesTest, TheCacheIsBoundedAndFollowsTheDisk) {
  StaticFiles files((dir_ / "web").string(), {.max_cached_file = 10, .max_cache_bytes = 25});
  write(dir_ / "web" / "big.txt", "more than ten bytes");
  EXPECT_EQ(served(files, "/big.txt"), "more than ten bytes");
  EXPECT_EQ(files.cached_bytes(), 0u) << "a file over the per-file limit is read from disk each time";
  for (int i = 0; i < 6; ++i) {
    write(dir_ / "web" / ("f" + std::to_string(i) + ".txt"), "12345678");
    EXPECT_EQ(served(files, "/f" + std::to_string(i) + ".txt"), "12345678");
    EXPECT_LE(files.cached_bytes(), 25u);
  }
  write(dir_ / "web" / "f5.txt", "changed!!");
  EXPECT_EQ(served(files, "/f5.txt"), "changed!!");
  fs::remove(dir_ / "web" / "f5.txt");
  EXPECT_EQ(served(files, "/f5.txt"), "<title>app</title>") << "a deleted file is not served from the cache";
}
