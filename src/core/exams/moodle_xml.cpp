#include "core/exams/moodle_xml.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <utility>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "core/exams/question_rows.hpp"
#include "core/platform/text.hpp"

namespace skb::core::exam {
namespace {

using boost::property_tree::ptree;
namespace rapidxml = boost::property_tree::detail::rapidxml;

constexpr std::string_view kDefaultRubric = "按要点评分";

void add_problem(ImportParse& out, int row, std::string field, std::string code, std::string message) {
  out.problems.push_back({row, std::move(field), std::move(code), std::move(message)});
}

// ---- Reading ----

// How deeply elements nest, roughly (CDATA, comments and declarations skipped). rapidxml and
// read_xml_node recurse once per level, so a crafted file of nested tags would overflow the stack.
int nesting_depth(std::string_view xml) {
  int depth = 0;
  int deepest = 0;
  for (size_t i = xml.find('<'); i != std::string_view::npos; i = xml.find('<', i + 1)) {
    auto skip_to = [&](std::string_view end) {
      const size_t at = xml.find(end, i);
      i = at == std::string_view::npos ? xml.size() : at + end.size() - 1;
    };
    const std::string_view rest = xml.substr(i);
    if (rest.starts_with("<![CDATA[")) skip_to("]]>");
    else if (rest.starts_with("<!--")) skip_to("-->");
    else if (rest.starts_with("<?") || rest.starts_with("<!")) skip_to(">");
    else if (rest.starts_with("</")) --depth;
    else {
      skip_to(">");
      if (i < xml.size() && xml[i - 1] != '/') deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

// property_tree's read_xml does not check that closing tags match their opening ones, and a file edited
// by hand often has <text>…</txet>: parse with its rapidxml with that check on, then build the ptree
// the way read_xml does. CDATA sections are read as text (read_xml_node appends them to the data).
std::optional<ptree> read_document(std::string_view xml, ImportParse& out) {
  constexpr int kMaxDepth = 100;  // Moodle's own files nest 6 deep
  if (nesting_depth(xml) > kMaxDepth) {
    add_problem(out, 0, "xml", "xml_invalid", "XML嵌套层数过多 (elements nested too deeply)");
    return std::nullopt;
  }
  std::vector<char> buffer(xml.begin(), xml.end());
  buffer.push_back('\0');
  try {
    rapidxml::xml_document<char> doc;
    doc.parse<rapidxml::parse_validate_closing_tags>(buffer.data());
    ptree tree;
    for (auto* node = doc.first_node(); node; node = node->next_sibling())
      boost::property_tree::xml_parser::read_xml_node(node, tree, boost::property_tree::xml_parser::no_comments);
    return tree;
  } catch (const rapidxml::parse_error& e) {
    const auto line = std::count(buffer.data(), e.where<char>(), '\n') + 1;
    add_problem(out, 0, "xml", "xml_invalid",
                "XML格式错误，第" + std::to_string(line) + "行：" + e.what() + " (malformed XML)");
  }
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool is_true(std::string_view text) {
  text = trim(text);
  return text == "true" || text == "1";
}

// <questiontext format="html"><text>…</text></questiontext> as plain text.
std::string rich_text(const ptree& element) {
  const std::string text = element.get<std::string>("text", "");
  if (element.get<std::string>("<xmlattr>.format", "html") == "html") return html_to_text(text);
  return std::string(trim(text));
}

std::optional<std::string> decode_base64(std::string_view s) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  bool padded = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') { padded = true; continue; }
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    if (value < 0 || padded) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  if (count >= 6) return std::nullopt;  // a lone sixth of a byte: cut off
  return out;
}

std::string mime_for(std::string_view name) {
  std::string ext(name.substr(std::min(name.rfind('.'), name.size())));
  for (char& c : ext) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes{{
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".svg", "image/svg+xml"}, {".webp", "image/webp"}, {".bmp", "image/bmp"}}};
  for (const auto& [extension, mime] : kTypes)
    if (ext == extension) return std::string(mime);
  return "application/octet-stream";
}

// The <file>s of an element, decoded into iq.files; returns their names.
std::vector<std::string> read_files(const ptree& element, const std::string& field, ImportedQuestion& iq,
                                    ImportParse& out) {
  std::vector<std::string> names;
  for (const auto& [key, file] : element) {
    if (key != "file") continue;
    const std::string name = file.get<std::string>("<xmlattr>.name", "");
    auto bytes = decode_base64(file.data());
    if (!bytes || name.empty()) {
      add_problem(out, iq.row, field, "file_invalid_base64",
                  "嵌入的文件" + name + "无法解码 (embedded file is not valid base64 or has no name)");
      continue;
    }
    iq.files.push_back({name, mime_for(name), std::move(*bytes)});
    names.push_back(name);
  }
  return names;
}

std::string cloze_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

size_t find_unescaped(std::string_view s, char c, size_t from) {
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\\') { ++i; continue; }
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

// Cloze ("embedded answers") text: each {1:SHORTANSWER:=a~=b} becomes "____" and a blank. False (with
// the problem added) when it holds any other kind of embedded answer.
bool read_cloze(std::string_view text, ImportedQuestion& iq, ImportParse& out) {
  static constexpr std::array<std::string_view, 6> kShortAnswer{"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"};
  Question& q = iq.question;
  std::string stem;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '{') {
      stem += text[i++];
      continue;
    }
    // {weight:TYPE:answers}; anything else is a literal brace.
    size_t colon = i + 1;
    while (colon < text.size() && text[colon] >= '0' && text[colon] <= '9') ++colon;
    const size_t type_end = colon < text.size() && text[colon] == ':' ? text.find(':', colon + 1) : std::string_view::npos;
    const size_t close = type_end == std::string_view::npos ? type_end : find_unescaped(text, '}', type_end);
    if (close == std::string_view::npos) {
      stem += text[i++];
      if (type_end != std::string_view::npos) {  // no closing brace anywhere after: the rest is text
        stem += text.substr(i);
        break;
      }
      continue;
    }
    const std::string_view type = text.substr(colon + 1, type_end - colon - 1);
    if (std::find(kShortAnswer.begin(), kShortAnswer.end(), type) == kShortAnswer.end()) {
      add_problem(out, iq.row, "questiontext", "moodle_unsupported",
                  "不支持的完形填空答案类型：" + std::string(type) + " (cloze answers other than SHORTANSWER are not supported)");
      return false;
    }
    Blank blank;
    const std::string_view answers = text.substr(type_end + 1, close - type_end - 1);
    for (size_t from = 0; from <= answers.size();) {
      size_t end = find_unescaped(answers, '~', from);
      if (end == std::string_view::npos) end = answers.size();
      std::string_view answer = trim(answers.substr(from, end - from));
      answer = answer.substr(0, find_unescaped(answer, '#', 0));  // feedback is not kept
      double fraction = 0;
      if (answer.starts_with('=')) {
        fraction = 100;
        answer.remove_prefix(1);
      } else if (answer.starts_with('%') && answer.find('%', 1) != std::string_view::npos) {
        fraction = parse_number(answer.substr(1, answer.find('%', 1) - 1)).value_or(0);
        answer.remove_prefix(answer.find('%', 1) + 1);
      }
      if (fraction >= 100) {
        blank.accepted.push_back(cloze_unescape(trim(answer)));
      } else if (fraction > 0) {
        add_problem(out, iq.row, "blanks[" + std::to_string(q.blanks.size()) + "]", "moodle_unsupported",
                    "不支持部分得分的填空答案 (answers worth part of the marks are not supported)");
      }
      from = end + 1;
    }
    q.blanks.push_back(std::move(blank));
    stem += kBlankMark;
    i = close + 1;
  }
  q.stem = std::string(trim(stem));
  return true;
}

// Fills iq from one <question>; false (with the problem added) for a kind we do not take.
bool read_question(const ptree& node, const std::string& type, ImportedQuestion& iq, ImportParse& out) {
  Question& q = iq.question;
  if (auto text = node.get_child_optional("questiontext")) {
    q.stem = rich_text(*text);
    q.images = read_files(*text, "questiontext", iq, out);
  }
  if (auto feedback = node.get_child_optional("generalfeedback")) iq.explanation = rich_text(*feedback);
  if (auto grade = node.get_optional<std::string>("defaultgrade")) {
    if (auto marks = parse_number(*grade)) q.marks = *marks;
    else add_problem(out, iq.row, "defaultgrade", "marks_not_number", "分值应为数字 (marks must be a number)");
  }

  if (type == "multichoice" || type == "multichoiceset") {
    bool fractional = false;
    int index = 0;
    for (const auto& [key, answer] : node) {
      if (key != "answer") continue;
      const double fraction = parse_number(answer.get<std::string>("<xmlattr>.fraction", "0")).value_or(0);
      Option option{rich_text(answer), "", fraction > 0};
      const auto images = read_files(answer, "answer[" + std::to_string(index++) + "]", iq, out);
      if (!images.empty()) option.image = images.front();
      fractional = fractional || (fraction > 0 && fraction < 100);
      q.options.push_back(std::move(option));
    }
    const bool single = type == "multichoice" && is_true(node.get<std::string>("single", "true"));
    q.type = single ? QuestionType::single_choice : QuestionType::multiple_choice;
    q.partial_credit = type == "multichoice" && !single && fractional ? PartialCredit::proportional : PartialCredit::all_or_nothing;
    const std::string shuffle(trim(node.get<std::string>("shuffleanswers", "true")));
    q.fixed_option_order = shuffle == "false" || shuffle == "0";
  } else if (type == "truefalse") {
    std::optional<bool> truth;
    for (const auto& [key, answer] : node)
      if (key == "answer" && parse_number(answer.get<std::string>("<xmlattr>.fraction", "0")).value_or(0) > 0)
        truth = parse_true_false(answer.get<std::string>("text", ""));
    if (!truth) {
      add_problem(out, iq.row, "answer", "answer_missing", "判断题没有得分的答案true或false (true/false question has no right answer)");
      return false;
    }
    const Question tf = true_false_question("", *truth);
    q.type = tf.type;
    q.options = tf.options;
    q.fixed_option_order = true;
  } else if (type == "shortanswer") {
    q.type = QuestionType::fill_blank;
    Blank blank;
    int index = 0;
    for (const auto& [key, answer] : node) {
      if (key != "answer") continue;
      const double fraction = parse_number(answer.get<std::string>("<xmlattr>.fraction", "0")).value_or(0);
      const std::string text(trim(answer.get<std::string>("text", "")));  // answers are plain text
      if (fraction >= 100) blank.accepted.push_back(text);
      else if (fraction > 0)
        add_problem(out, iq.row, "answer[" + std::to_string(index) + "]", "moodle_unsupported",
                    "不支持部分得分的填空答案：" + text + " (answers worth part of the marks are not supported)");
      ++index;
    }
    q.blanks.push_back(std::move(blank));
  } else if (type == "cloze") {
    q.type = QuestionType::fill_blank;
    q.partial_credit = PartialCredit::proportional;
    if (!read_cloze(q.stem, iq, out)) return false;
  } else if (type == "essay") {
    q.type = QuestionType::short_answer;
    if (auto info = node.get_child_optional("graderinfo")) q.rubric = rich_text(*info);
    if (q.rubric.empty()) q.rubric = iq.explanation.empty() ? std::string(kDefaultRubric) : iq.explanation;
  } else {
    add_problem(out, iq.row, "type", "moodle_unsupported",
                "不支持的Moodle题型：" + type + " (unsupported Moodle question type)");
    return false;
  }

  if (auto tags = node.get_child_optional("tags"))
    for (const auto& [key, tag] : *tags)
      if (key == "tag") apply_tag(tag.get<std::string>("text", ""), iq, out.problems);
  return true;
}

// ---- Writing ----

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters other than tab and line breaks are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

// Plain text as the HTML Moodle shows, in CDATA as Moodle writes it; '>' is escaped, so "]]>" cannot occur.
std::string html_cdata(std::string_view text) {
  std::string html;
  for (char c : text) {
    switch (c) {
      case '&': html += "&amp;"; break;
      case '<': html += "&lt;"; break;
      case '>': html += "&gt;"; break;
      case '\n': html += "<br>"; break;
      case '\r': break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') html += c;
    }
  }
  return "<![CDATA[" + html + "]]>";
}

std::string rich_element(std::string_view name, std::string_view text, std::string_view indent) {
  return std::string(indent) + "<" + std::string(name) + " format=\"html\">\n" + std::string(indent) + "  <text>" +
         html_cdata(text) + "</text>\n" + std::string(indent) + "</" + std::string(name) + ">\n";
}

std::string encode_base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t n = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                            (i + 1 < bytes.size() ? static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 : 0) |
                            (i + 2 < bytes.size() ? static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2])) : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// The question text with its pictures embedded as Moodle does (<file> inside <questiontext>), so an
// export carries them to Moodle and back; the stem refers to each as @@PLUGINFILE@@/name.
std::string question_text_element(std::string_view text, const std::vector<EmbeddedFile>& files, std::string_view indent) {
  std::string cdata = html_cdata(text);
  std::string images;  // after the escaped text, still inside the CDATA section
  for (const auto& f : files) images += "<p><img src=\"@@PLUGINFILE@@/" + xml_escape(f.name) + "\"></p>";
  cdata.insert(cdata.size() - 3, images);
  std::string out = std::string(indent) + "<questiontext format=\"html\">\n" + std::string(indent) + "  <text>" + cdata + "</text>\n";
  for (const auto& f : files)
    out += std::string(indent) + "  <file name=\"" + xml_escape(f.name) + "\" path=\"/\" encoding=\"base64\">" + encode_base64(f.bytes) + "</file>\n";
  return out + std::string(indent) + "</questiontext>\n";
}

std::string fraction_text(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.5f", fraction);  // Moodle's grade list: 33.33333, 14.28571 …
  std::string s = buffer;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string question_name(const Question& q, int number) {
  std::string name;
  size_t points = 0;
  for (size_t i = 0; i < q.stem.size() && q.stem[i] != '\n'; ++i) {
    if ((static_cast<unsigned char>(q.stem[i]) & 0xC0) != 0x80 && ++points > 30) break;
    name += q.stem[i];
  }
  return name.empty() ? "题目" + std::to_string(number) : name;
}

std::string cloze_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '}' || c == '~' || c == '#' || c == '{') out += '\\';
    out += c;
  }
  return out;
}

std::string cloze_text(const Question& q) {
  auto placeholder = [&](size_t k) {
    std::string p = "{1:SHORTANSWER:";
    for (size_t a = 0; a < q.blanks[k].accepted.size(); ++a) p += (a > 0 ? "~=" : "=") + cloze_escape(q.blanks[k].accepted[a]);
    return p + "}";
  };
  const std::vector<std::string> parts = split_at_blank_marks(q.stem);
  std::string text;
  if (parts.size() - 1 == q.blanks.size()) {
    for (size_t k = 0; k < parts.size(); ++k) text += parts[k] + (k < q.blanks.size() ? placeholder(k) : "");
  } else {
    text = q.stem;
    for (size_t k = 0; k < q.blanks.size(); ++k) text += " " + placeholder(k);
  }
  return text;
}

std::string answer_element(double fraction, std::string_view text, bool html) {
  std::string out = "    <answer fraction=\"" + fraction_text(fraction) + "\" format=\"" + (html ? "html" : "moodle_auto_format") + "\">\n";
  out += "      <text>" + (html ? html_cdata(text) : xml_escape(text)) + "</text>\n";
  out += "      <feedback format=\"html\">\n        <text></text>\n      </feedback>\n    </answer>\n";
  return out;
}

std::string question_element(const ImportedQuestion& iq, int number) {
  const Question& q = iq.question;
  const bool cloze = q.type == QuestionType::fill_blank && q.blanks.size() > 1;
  std::string type;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: type = "multichoice"; break;
    case QuestionType::true_false: type = "truefalse"; break;
    case QuestionType::fill_blank: type = cloze ? "cloze" : "shortanswer"; break;
    case QuestionType::short_answer: type = "essay"; break;
  }
  std::string out = "  <question type=\"" + type + "\">\n";
  out += "    <name>\n      <text>" + xml_escape(question_name(q, number)) + "</text>\n    </name>\n";
  // No <file> for q.images: they are stored keys and the bytes are the service's; keep it simple.
  out += question_text_element(cloze ? cloze_text(q) : q.stem, iq.files, "    ");
  out += rich_element("generalfeedback", iq.explanation, "    ");
  out += "    <defaultgrade>" + format_number(q.marks) + "</defaultgrade>\n";
  out += "    <penalty>0</penalty>\n    <hidden>0</hidden>\n";
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: {
      const bool single = q.type == QuestionType::single_choice;
      const auto correct = std::count_if(q.options.begin(), q.options.end(), [](const Option& o) { return o.correct; });
      out += std::string("    <single>") + (single ? "true" : "false") + "</single>\n";
      out += std::string("    <shuffleanswers>") + (q.fixed_option_order ? "false" : "true") + "</shuffleanswers>\n";
      out += "    <answernumbering>ABCD</answernumbering>\n";
      for (const Option& o : q.options) {
        const double right = single ? 100 : 100.0 / std::max<double>(1, static_cast<double>(correct));
        out += answer_element(o.correct ? right : (single ? 0 : -100), o.text, true);
      }
      break;
    }
    case QuestionType::true_false: {
      const bool truth = statement_is_true(q);
      out += answer_element(truth ? 100 : 0, "true", false);
      out += answer_element(truth ? 0 : 100, "false", false);
      break;
    }
    case QuestionType::fill_blank:
      if (!cloze) {
        out += "    <usecase>0</usecase>\n";
        if (!q.blanks.empty())
          for (const std::string& accepted : q.blanks.front().accepted) out += answer_element(100, accepted, false);
      }
      break;
    case QuestionType::short_answer:
      out += "    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n";
      out += "    <responsefieldlines>10</responsefieldlines>\n    <attachments>0</attachments>\n";
      out += rich_element("graderinfo", q.rubric, "    ");
      break;
  }
  const std::vector<std::string> tags = to_tags(iq, TagFormat::moodle_xml);
  if (!tags.empty()) {
    out += "    <tags>\n";
    for (const std::string& tag : tags) out += "      <tag><text>" + xml_escape(tag) + "</text></tag>\n";
    out += "    </tags>\n";
  }
  return out + "  </question>\n";
}

// ---- HTML ----

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The entity at s[0] ('&'): its text and length, or nullopt when it is not one we know.
std::optional<std::pair<std::string, size_t>> decode_entity(std::string_view s) {
  const size_t semicolon = s.substr(0, 12).find(';');  // entities are short; do not scan the whole text
  if (semicolon == std::string_view::npos) return std::nullopt;
  const std::string_view name = s.substr(1, semicolon - 1);
  if (name.starts_with('#')) {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    std::uint32_t cp = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF)
      return std::nullopt;
    std::string text;
    append_utf8(text, cp);
    return std::pair{text, semicolon + 1};
  }
  // The named ones Chinese trade exams use (Ω for ohms, ° and ± for tolerances …).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kNamed{{
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
      {"Omega", "Ω"}, {"omega", "ω"}, {"deg", "°"}, {"plusmn", "±"}, {"times", "×"}, {"divide", "÷"},
      {"micro", "µ"}, {"radic", "√"}, {"le", "≤"}, {"ge", "≥"}, {"ne", "≠"}, {"asymp", "≈"},
      {"middot", "·"}, {"hellip", "…"}, {"mdash", "—"}, {"ndash", "–"}, {"ldquo", "“"}, {"rdquo", "”"},
      {"lsquo", "‘"}, {"rsquo", "’"}, {"copy", "©"}}};
  for (const auto& [entity, text] : kNamed)
    if (name == entity) return std::pair{std::string(text), semicolon + 1};
  return std::nullopt;
}

bool is_block_element(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kBlocks{
      "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
      "section", "hr"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

// Index of the '>' that ends the tag opened at s[from], outside quoted attribute values.
size_t tag_end(std::string_view s, size_t from) {
  char quote = 0;
  for (size_t i = from + 1; i < s.size(); ++i) {
    if (quote) {
      if (s[i] == quote) quote = 0;
    } else if (s[i] == '"' || s[i] == '\'') {
      quote = s[i];
    } else if (s[i] == '>') {
      return i;
    }
  }
  return s.size();
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

ImportParse parse_moodle_xml(std::string_view xml) {
  ImportParse out;
  const auto doc = read_document(xml, out);
  if (!doc) return out;
  const auto quiz = doc->get_child_optional("quiz");
  if (!quiz) {
    add_problem(out, 0, "xml", "xml_invalid", "没有<quiz>元素，不是Moodle XML题库 (no <quiz> element: not a Moodle XML file)");
    return out;
  }
  std::string category;
  int number = 0;
  for (const auto& [key, node] : *quiz) {
    if (key != "question") continue;
    const std::string type = node.get<std::string>("<xmlattr>.type", "");
    if (type == "category") {
      category = category_from_moodle_path(node.get<std::string>("category.text", ""));
      continue;
    }
    ImportedQuestion iq;
    iq.row = ++number;
    iq.category = category;
    if (read_question(node, type, iq, out)) add_checked(out, std::move(iq));
  }
  return out;
}

std::string to_moodle_xml(const std::vector<ImportedQuestion>& questions) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  std::string category;
  int number = 0;
  for (const ImportedQuestion& iq : questions) {
    if (iq.category != category) {
      category = iq.category;
      out += "  <question type=\"category\">\n    <category>\n      <text>" + xml_escape(moodle_category_path(category)) +
             "</text>\n    </category>\n  </question>\n";
    }
    out += question_element(iq, ++number);
  }
  return out + "</quiz>\n";
}

std::string html_to_text(std::string_view html) {
  std::string out;
  bool space = false;  // white space seen since the last character written
  auto line_break = [&](bool always) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (always || (!out.empty() && out.back() != '\n')) out += '\n';
    space = false;
  };
  auto put = [&](std::string_view text) {
    if (space && !out.empty() && out.back() != '\n') out += ' ';
    space = false;
    out += text;
  };
  for (size_t i = 0; i < html.size();) {
    const char c = html[i];
    if (c == '<' && html.substr(i).starts_with("<!--")) {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    if (c == '<' && i + 1 < html.size() && (is_ascii_letter(html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!' || html[i + 1] == '?')) {
      const size_t end = tag_end(html, i);
      if (end >= html.size()) break;  // a tag cut off at the end: nothing more to show
      size_t k = i + (html[i + 1] == '/' ? 2 : 1);
      std::string name;
      while (k < end && (is_ascii_letter(html[k]) || (!name.empty() && html[k] >= '0' && html[k] <= '9')))
        name += static_cast<char>(html[k++] | 0x20);  // lower case
      if (name == "br") line_break(true);
      else if (is_block_element(name)) line_break(false);
      i = end + 1;
      if ((name == "script" || name == "style") && html[end - 1] != '/') {
        const size_t close = html.find("</" + name, i);  // lower case, as editors write it
        i = close == std::string_view::npos ? html.size() : tag_end(html, close) + 1;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    if (c == '&') {
      if (auto entity = decode_entity(html.substr(i))) {
        put(entity->first);
        i += entity->second;
        continue;
      }
    }
    put(html.substr(i, 1));
    ++i;
  }
  // At most one empty line in a row; none at either end.
  std::string text;
  for (char c : out) {
    if (c == '\n' && text.size() >= 2 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n') continue;
    text += c;
  }
  return std::string(trim(text));
}

std::string category_from_moodle_path(std::string_view path) {
  path = trim(path);
  // "$course$/", "$system$/", "$module$/", "$cat1$/" …: where the category lives in Moodle, not its name.
  if (path.starts_with('$')) {
    const size_t end = path.find('$', 1);
    if (end != std::string_view::npos) path = path.substr(end + 1);
    if (path.starts_with('/')) path.remove_prefix(1);
  }
  if (path == "top") return "";
  if (path.starts_with("top/")) path.remove_prefix(4);
  return std::string(trim(path));
}

std::string moodle_category_path(const std::string& category) {
  return category.empty() ? "$course$/top" : "$course$/top/" + category;
}

}  // namespace skb::core::exam
