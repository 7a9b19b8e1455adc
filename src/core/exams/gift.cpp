#include "core/exams/gift.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "core/exams/moodle_xml.hpp"
#include "core/exams/question_rows.hpp"
#include "core/platform/text.hpp"

namespace skb::core::exam {
namespace {

constexpr std::string_view kDefaultRubric = "按要点评分";

// Position of the first `needle` at or after `from` that is not escaped by a backslash.
size_t find_unescaped(std::string_view s, std::string_view needle, size_t from = 0) {
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\\') { ++i; continue; }
    if (s.substr(i).starts_with(needle)) return i;
  }
  return std::string_view::npos;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char next = s[i + 1];
      if (next == 'n') { out += '\n'; ++i; continue; }
      if (std::string_view("\\=~#{}:").find(next) != std::string_view::npos) { out += next; ++i; continue; }
    }
    out += s[i];
  }
  return out;
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\r') continue;
    if (c == '\n') { out += "\\n"; continue; }
    if (std::string_view("\\=~#{}:").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Strips a leading [html] / [moodle] / [plain] / [markdown]; true for [html].
bool strip_format(std::string_view& text) {
  for (std::string_view format : {"[html]", "[moodle]", "[plain]", "[markdown]"})
    if (text.starts_with(format)) {
      text = trim(text.substr(format.size()));
      return format == "[html]";
    }
  return false;
}

// Unescaped, format prefix stripped, html turned into text.
std::string clean_text(std::string_view raw) {
  std::string_view text = trim(raw);
  const bool html = strip_format(text);
  const std::string plain = unescape(text);
  return html ? html_to_text(plain) : std::string(trim(plain));
}

struct Item {
  bool equals = false;            // '=' rather than '~'
  std::optional<double> weight;   // %50%
  std::string text;
  bool arrow = false;             // "a -> b": a matching pair
};

// One {…} block, classified.
struct Block {
  enum class Kind { essay, true_false, choice, fill, unsupported, syntax } kind = Kind::syntax;
  bool truth = false;
  std::vector<Item> items;
  std::string general_feedback;
  std::string what;  // for unsupported and syntax: what was found
};

Block classify(std::string_view content) {
  Block b;
  if (const size_t gf = find_unescaped(content, "####"); gf != std::string_view::npos) {
    b.general_feedback = clean_text(content.substr(gf + 4));
    content = content.substr(0, gf);
  }
  content = trim(content);
  if (content.empty()) { b.kind = Block::Kind::essay; return b; }
  if (content.starts_with('#')) {
    b.kind = Block::Kind::unsupported;
    b.what = "数值题 (numerical)";
    return b;
  }
  std::string head(trim(content.substr(0, find_unescaped(content, "#"))));
  for (char& c : head) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  for (auto [word, truth] : {std::pair{"T", true}, {"TRUE", true}, {"F", false}, {"FALSE", false}}) {
    if (head == word) {
      b.kind = Block::Kind::true_false;
      b.truth = truth;
      return b;
    }
  }

  // Items start at an unescaped '=' or '~' and run to the next one.
  size_t i = 0;
  while (i < content.size()) {
    if (content[i] != '=' && content[i] != '~') {
      b.kind = Block::Kind::syntax;
      b.what = "答案应以=或~开头 (answers start with = or ~)";
      return b;
    }
    Item item;
    item.equals = content[i] == '=';
    size_t end = i + 1;  // the next unescaped '=' or '~' (one scan: a long block stays linear)
    while (end < content.size() && content[end] != '=' && content[end] != '~') end += content[end] == '\\' ? 2 : 1;
    end = std::min(end, content.size());
    std::string_view raw = trim(content.substr(i + 1, end - i - 1));
    if (raw.starts_with('%')) {
      const size_t close = raw.find('%', 1);
      double weight = 0;
      const char* first = raw.data() + 1;
      const char* last = close == std::string_view::npos ? first : raw.data() + close;
      const auto [stop, ec] = std::from_chars(first, last, weight);
      if (close == std::string_view::npos || ec != std::errc() || stop != last) {
        b.kind = Block::Kind::syntax;
        b.what = "权重应写成%50% (weights are written %50%)";
        return b;
      }
      item.weight = weight;
      raw = raw.substr(close + 1);
    }
    raw = raw.substr(0, find_unescaped(raw, "#"));  // answer feedback is not kept
    item.arrow = find_unescaped(raw, "->") != std::string_view::npos;
    item.text = clean_text(raw);
    b.items.push_back(std::move(item));
    i = end;
    while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\n')) ++i;
  }
  const bool tilde = std::any_of(b.items.begin(), b.items.end(), [](const Item& it) { return !it.equals; });
  const bool arrow = std::any_of(b.items.begin(), b.items.end(), [](const Item& it) { return it.arrow; });
  if (!tilde && arrow) {
    b.kind = Block::Kind::unsupported;
    b.what = "匹配题 (matching)";
  } else {
    b.kind = tilde ? Block::Kind::choice : Block::Kind::fill;
  }
  return b;
}

void add_problem(ImportParse& out, int row, std::string field, std::string code, std::string message) {
  out.problems.push_back({row, std::move(field), std::move(code), std::move(message)});
}

bool closes_sentence(std::string_view before) {
  before = trim(before);
  for (std::string_view mark : {"？", "?", "：", ":", "。", ".", "！", "!", "）", ")"})
    if (before.ends_with(mark)) return true;
  return before.empty();
}

void fill_choice(Question& q, const Block& b) {
  int correct = 0;
  bool equals = false;
  bool weighted = false;
  for (const Item& item : b.items) {
    const double weight = item.weight.value_or(item.equals ? 100 : 0);
    q.options.push_back({item.text, "", weight > 0});
    correct += weight > 0 ? 1 : 0;
    equals = equals || item.equals;
    weighted = weighted || item.weight.has_value();
  }
  // Moodle: '=' marks the one right answer; weights without '=' make a multiple-answer question.
  const bool multiple = correct > 1 || !equals;
  q.type = multiple ? QuestionType::multiple_choice : QuestionType::single_choice;
  q.partial_credit = multiple && weighted ? PartialCredit::proportional : PartialCredit::all_or_nothing;
}

// Reads one question (title, text, answer blocks) into `out`.
void parse_question(std::string_view text, const std::string& comments, int row, const std::string& category,
                    ImportParse& out) {
  if (text.starts_with("::")) {
    const size_t end = find_unescaped(text, "::", 2);
    if (end == std::string_view::npos) {
      add_problem(out, row, "title", "gift_syntax", "题目标题缺少结束的:: (title not closed with ::)");
      return;
    }
    text = trim(text.substr(end + 2));
  }
  const bool html = strip_format(text);

  std::vector<std::pair<size_t, size_t>> spans;  // each block's '{' and '}'
  std::optional<size_t> open;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') { ++i; continue; }
    if (text[i] == '{' && !open) { open = i; continue; }
    if ((text[i] == '{' && open) || (text[i] == '}' && !open)) {
      add_problem(out, row, "answer", "gift_syntax", "花括号不成对 (unbalanced braces; escape a literal one as \\{ or \\})");
      return;
    }
    if (text[i] == '}') spans.emplace_back(*open, i), open.reset();
  }
  if (open) {
    add_problem(out, row, "answer", "gift_syntax", "答案缺少结束的} (answer block not closed with })");
    return;
  }
  if (spans.empty()) {
    add_problem(out, row, "answer", "gift_unsupported", "不支持的GIFT题型：没有答案的说明文字 (unsupported: description without answers)");
    return;
  }

  std::vector<Block> blocks;
  for (const auto& [from, to] : spans) blocks.push_back(classify(text.substr(from + 1, to - from - 1)));
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::syntax) {
      add_problem(out, row, "answer", "gift_syntax", "答案无法识别：" + b.what);
      return;
    }
    if (b.kind == Block::Kind::unsupported) {
      add_problem(out, row, "answer", "gift_unsupported", "不支持的GIFT题型：" + b.what);
      return;
    }
  }
  const bool all_fill = std::all_of(blocks.begin(), blocks.end(), [](const Block& b) { return b.kind == Block::Kind::fill; });
  if (blocks.size() > 1 && !all_fill) {
    add_problem(out, row, "answer", "gift_unsupported", "一题有多个答案块时只能都是填空 (several answer blocks must all be fill-in)");
    return;
  }

  // The stem: text around the blocks; a block inside the sentence (or several) leaves a "____". A
  // fill-in block ending the text leaves one when it is glued to the words ("频率为{=50}") but not
  // after a space or a question mark ("频率是多少？ {=50}").
  const Block& first = blocks.front();
  const std::string_view after_last = trim(text.substr(spans.back().second + 1));
  const bool leaves_blanks = blocks.size() > 1 || !after_last.empty() ||
                     (first.kind == Block::Kind::fill && spans[0].first > 0 &&
                      std::string_view(" \t\n").find(text[spans[0].first - 1]) == std::string_view::npos &&
                      !closes_sentence(text.substr(0, spans[0].first)));
  std::string stem;
  size_t from = 0;
  for (const auto& [open_at, close_at] : spans) {
    stem += unescape(text.substr(from, open_at - from));
    if (leaves_blanks) stem += kBlankMark;
    from = close_at + 1;
  }
  stem += unescape(text.substr(from));

  ImportedQuestion iq;
  iq.row = row;
  iq.category = category;
  Question& q = iq.question;
  q.stem = html ? html_to_text(stem) : std::string(trim(stem));
  for (const Block& b : blocks)
    if (!b.general_feedback.empty()) iq.explanation = b.general_feedback;

  switch (first.kind) {
    case Block::Kind::essay:
      q.type = QuestionType::short_answer;
      q.rubric = iq.explanation.empty() ? std::string(kDefaultRubric) : iq.explanation;
      iq.explanation.clear();
      break;
    case Block::Kind::true_false: {
      const Question tf = true_false_question("", first.truth);
      q.type = tf.type;
      q.options = tf.options;
      q.fixed_option_order = true;
      break;
    }
    case Block::Kind::choice:
      fill_choice(q, first);
      break;
    default:  // fill: every block is one blank
      q.type = QuestionType::fill_blank;
      for (size_t k = 0; k < blocks.size(); ++k) {
        Blank blank;
        for (const Item& item : blocks[k].items) {
          if (item.weight && *item.weight <= 0) continue;  // an explicitly wrong answer
          if (item.weight && *item.weight < 100) {
            add_problem(out, row, "blanks[" + std::to_string(k) + "]", "gift_unsupported",
                        "不支持部分得分的填空答案：" + item.text + " (answers worth part of the marks are not supported)");
            continue;
          }
          blank.accepted.push_back(item.text);
        }
        q.blanks.push_back(std::move(blank));
      }
      break;
  }

  // Tags in the question's comment lines: // [tag:难度:2] [tag:评分方式:按比例]
  for (size_t at = comments.find("[tag:"); at != std::string::npos; at = comments.find("[tag:", at + 1)) {
    const size_t end = find_unescaped(comments, "]", at + 5);
    if (end == std::string::npos) break;
    std::string tag = comments.substr(at + 5, end - at - 5);
    for (size_t k = tag.find("\\]"); k != std::string::npos; k = tag.find("\\]", k)) tag.erase(k, 1);
    apply_tag(tag, iq, out.problems);
  }
  add_checked(out, std::move(iq));
}

std::string weight_text(double weight) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.5f", weight);  // Moodle's grade list: 33.33333, 14.28571 …
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string feedback(const ImportedQuestion& iq) {
  return iq.explanation.empty() ? "" : "####" + escape(iq.explanation);
}

// One blank's block; the last one also carries the general feedback.
std::string blank_block(const ImportedQuestion& iq, size_t k) {
  const Blank& blank = iq.question.blanks[k];
  std::string out = "{";
  for (size_t a = 0; a < blank.accepted.size(); ++a) out += (a > 0 ? " =" : "=") + escape(blank.accepted[a]);
  if (k + 1 == iq.question.blanks.size()) out += feedback(iq);
  return out + "}";
}

std::string question_text(const ImportedQuestion& iq) {
  const Question& q = iq.question;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: {
      std::string out = escape(q.stem) + " {\n";
      const auto correct = std::count_if(q.options.begin(), q.options.end(), [](const Option& o) { return o.correct; });
      const std::string right = q.type == QuestionType::single_choice ? "=" : "~%" + weight_text(100.0 / std::max<double>(1, static_cast<double>(correct))) + "%";
      const std::string wrong = q.type == QuestionType::single_choice ? "~" : "~%-100%";
      for (const Option& o : q.options) out += "\t" + (o.correct ? right : wrong) + escape(o.text) + "\n";
      if (!iq.explanation.empty()) out += "\t" + feedback(iq) + "\n";
      return out + "}";
    }
    case QuestionType::true_false:
      return escape(q.stem) + " {" + (statement_is_true(q) ? "TRUE" : "FALSE") + feedback(iq) + "}";
    case QuestionType::fill_blank: {
      std::vector<std::string> parts = split_at_blank_marks(q.stem);
      std::string out;
      if (parts.size() - 1 == q.blanks.size() && !q.blanks.empty()) {
        // Each "____" becomes its blank's block, in place.
        for (size_t k = 0; k < parts.size(); ++k) {
          out += escape(parts[k]);
          if (k < q.blanks.size()) out += blank_block(iq, k);
        }
      } else {
        out = escape(q.stem);
        for (size_t k = 0; k < q.blanks.size(); ++k) out += " " + blank_block(iq, k);
      }
      return out;
    }
    case QuestionType::short_answer:
      return escape(q.stem) + " {####" + escape(q.rubric) + "}";
  }
  return escape(q.stem);
}

}  // namespace

ImportParse parse_gift(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM from Windows editors
  ImportParse out;
  std::string category;
  int number = 0;
  std::string lines;
  std::string comments;

  auto finish_block = [&] {
    std::string_view block = trim(lines);
    if (block.starts_with("$CATEGORY:")) {
      const size_t end = std::min(block.find('\n'), block.size());
      category = category_from_moodle_path(block.substr(10, end - 10));
      block = trim(block.substr(end));
    }
    if (!block.empty()) parse_question(block, comments, ++number, category, out);
    lines.clear();
    comments.clear();
  };

  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::string_view trimmed = trim(line);
    if (trimmed.empty()) {
      finish_block();
    } else if (trimmed.starts_with("//")) {
      comments.append(trimmed).append("\n");
    } else {
      lines.append(line).append("\n");
    }
    start = end + 1;
  }
  finish_block();
  return out;
}

std::string to_gift(const std::vector<ImportedQuestion>& questions) {
  std::string out = "// SkillBrain 题库导出 (GIFT)\n\n";
  std::string category;
  for (const ImportedQuestion& iq : questions) {
    if (iq.category != category) {
      category = iq.category;
      out += "$CATEGORY: " + moodle_category_path(category) + "\n\n";
    }
    const std::vector<std::string> tags = to_tags(iq, TagFormat::gift);
    if (!tags.empty()) {
      out += "//";
      for (const std::string& tag : tags) {
        std::string escaped;
        for (char c : tag) escaped += c == ']' ? std::string("\\]") : std::string(1, c);
        out += " [tag:" + escaped + "]";
      }
      out += "\n";
    }
    out += question_text(iq) + "\n\n";
  }
  return out;
}

}  // namespace skb::core::exam
