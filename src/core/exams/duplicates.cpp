#include "core/exams/duplicates.hpp"

#include <algorithm>
#include <map>

#include "core/exams/normalise.hpp"

namespace skb::core::exam {
namespace {

void append_part(std::string& key, const std::string& part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

}  // namespace

std::string duplicate_key(const Question& q) {
  std::string key;
  append_part(key, normalise_answer(q.stem));
  std::vector<std::string> images = q.images;
  std::sort(images.begin(), images.end());
  key += std::to_string(images.size()) + "i";
  for (const std::string& image : images) append_part(key, image);
  std::vector<std::string> options;
  for (const Option& o : q.options) {
    std::string part;
    append_part(part, normalise_answer(o.text));
    append_part(part, o.image);
    options.push_back(std::move(part));
  }
  std::sort(options.begin(), options.end());
  key += std::to_string(options.size()) + "o";
  for (const std::string& part : options) append_part(key, part);
  return key;
}

std::vector<std::vector<std::int64_t>> find_duplicates(const std::vector<Question>& bank) {
  std::map<std::string, std::vector<std::int64_t>> by_key;
  for (const Question& q : bank) by_key[duplicate_key(q)].push_back(q.id);
  std::vector<std::vector<std::int64_t>> groups;
  for (auto& [key, ids] : by_key) {
    if (ids.size() < 2) continue;
    std::sort(ids.begin(), ids.end());
    groups.push_back(std::move(ids));
  }
  std::sort(groups.begin(), groups.end());
  return groups;
}

}  // namespace skb::core::exam
