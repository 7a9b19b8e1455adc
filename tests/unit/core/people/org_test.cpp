#include "core/people/org.hpp"

#include <gtest/gtest.h>

using namespace skb::core;

TEST(CommonAncestorPath, CutsAtWholeSegments) {
  // 17 and 18 share the characters "/1/4/1" but only the organisation "/1/4/".
  EXPECT_EQ(common_ancestor_path({"/1/4/17/", "/1/4/18/"}), "/1/4/");
  EXPECT_EQ(common_ancestor_path({"/1/4/17/", "/1/4/17/22/"}), "/1/4/17/");
  EXPECT_EQ(common_ancestor_path({"/1/4/17/"}), "/1/4/17/");
  EXPECT_EQ(common_ancestor_path({"/1/4/17/", "/1/5/"}), "/1/");
  EXPECT_EQ(common_ancestor_path({"/1/4/", "/2/4/"}), "/");
  EXPECT_EQ(common_ancestor_path({}), "");
}

TEST(PathLeafId, ReadsTheLastSegment) {
  EXPECT_EQ(path_leaf_id("/1/4/17/"), 17);
  EXPECT_EQ(path_leaf_id("/1/"), 1);
  EXPECT_EQ(path_leaf_id("/"), std::nullopt);
  EXPECT_EQ(path_leaf_id(""), std::nullopt);
  EXPECT_EQ(path_leaf_id("/1/x/"), std::nullopt);
}
