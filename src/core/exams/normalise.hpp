#pragma once
// 答案归一化: the form in which fill-in answers are compared and question texts are matched for
// duplicates. Candidates type on phones and PCs with Chinese IMEs that switch between full- and
// half-width at will, so "ＡＢＣ １２３" and "abc123" must be the same answer.
#include <string>
#include <string_view>

namespace skb::core::exam {

// UTF-8 in, UTF-8 out:
//  - full-width ASCII variants U+FF01–U+FF5E (Ａ, １, ！, ～ …) become their ASCII twins U+0021–U+007E;
//  - every white-space character is removed, inside the text too: ASCII space, tab, CR, LF, VT, FF,
//    U+00A0, U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+3000 (ideographic space), U+FEFF;
//  - ASCII letters are lower-cased (only ASCII: "Ω" stays "Ω", Chinese is kept as it is).
// Bytes that are not valid UTF-8 are copied unchanged rather than rejected: comparing must not throw.
std::string normalise_answer(std::string_view text);

}  // namespace skb::core::exam
