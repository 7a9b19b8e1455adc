#pragma once
// 能力画像报告: the portrait as a one-page A4 PDF like a 成绩单 — overall score and rank, a radar of the
// dimensions beside the peers' medians, and each dimension's score, band and a short reading.
#include <string>

#include "service/talent/portraits.hpp"

namespace skb::service {

// A plain-language reading of one dimension (暂无证据, 优势, 待提升, above or below the peers, thin evidence).
std::string portrait_reading(const PortraitDimension& d);

std::string render_portrait_pdf(const Portrait& portrait, const std::string& generated_on);

}  // namespace skb::service
