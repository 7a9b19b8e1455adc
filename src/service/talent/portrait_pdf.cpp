#include "service/talent/portrait_pdf.hpp"

#include <fmt/format.h>

#include <cmath>

#include "service/platform/pdf_canvas.hpp"

namespace skb::service {
namespace {

constexpr double kWidth = 595.28, kHeight = 841.89;  // A4 portrait, points
constexpr double kMargin = 56;
const Rgb kInk{0.15, 0.15, 0.15}, kMuted{0.45, 0.45, 0.45}, kBlue{0.13, 0.42, 0.85}, kGreen{0.2, 0.6, 0.3}, kOrange{0.85, 0.5, 0.1};

std::string whole(double x) { return std::to_string(static_cast<long>(std::lround(x))); }

// The radar: one axis per dimension (0–100 outwards), the worker's polygon filled, the peers' dashed.
void draw_radar(PdfCanvas& canvas, const Portrait& p, double cx, double cy, double radius) {
  cairo_t* cr = canvas.cr();
  const auto n = p.dimensions.size();
  const auto point = [&](size_t i, double value) {
    const double angle = -M_PI / 2 + 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
    return std::pair{cx + radius * value / 100 * std::cos(angle), cy + radius * value / 100 * std::sin(angle)};
  };
  cairo_set_line_width(cr, 0.6);
  cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
  for (double ring : {25.0, 50.0, 75.0, 100.0}) {
    for (size_t i = 0; i <= n; ++i) {
      auto [x, y] = point(i % n, ring);
      i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
  }
  for (size_t i = 0; i < n; ++i) {
    auto [x, y] = point(i, 100);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, x, y);
    cairo_stroke(cr);
    auto [lx, ly] = point(i, 118);
    canvas.text(p.dimensions[i].name, "Noto Sans CJK SC 8", lx - 45, ly - 6, 90, PANGO_ALIGN_CENTER, kMuted);
  }
  const auto polygon = [&](auto value_of) {
    bool started = false;
    for (size_t i = 0; i < n; ++i) {
      auto [x, y] = point(i, value_of(p.dimensions[i]));
      started ? cairo_line_to(cr, x, y) : cairo_move_to(cr, x, y);
      started = true;
    }
    cairo_close_path(cr);
  };
  // Peers' medians, dashed; a dimension without one sits at the centre.
  const double dash[] = {3, 2};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_set_source_rgb(cr, 0.55, 0.7, 0.2);
  cairo_set_line_width(cr, 1.2);
  polygon([](const PortraitDimension& d) { return d.peer_median.value_or(0); });
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  // The worker: dimensions without evidence at the centre, named so in the table.
  polygon([](const PortraitDimension& d) { return d.score ? d.score->score : 0; });
  cairo_set_source_rgba(cr, kBlue.r, kBlue.g, kBlue.b, 0.22);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, kBlue.r, kBlue.g, kBlue.b);
  cairo_set_line_width(cr, 1.6);
  cairo_stroke(cr);
}

}  // namespace

std::string portrait_reading(const PortraitDimension& d) {
  if (!d.score) return "暂无证据，暂不评价";
  std::string out;
  if (d.strength) out = "明显强于本人其他能力，是优势所在";
  else if (d.weakness) out = "明显弱于本人其他能力，建议作为培训重点";
  else if (d.peer_median && d.score->low > *d.peer_median) out = "高于同工种中位数";
  else if (d.peer_median && d.score->high < *d.peer_median) out = "低于同工种中位数，可加强练习";
  else out = "与同工种多数职工相当";
  if (d.score->high - d.score->low > 40) out += "（证据较少，仅供参考）";
  return out;
}

std::string render_portrait_pdf(const Portrait& p, const std::string& generated_on) {
  PdfCanvas canvas(kWidth, kHeight);
  cairo_t* cr = canvas.cr();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, kBlue.r, kBlue.g, kBlue.b);
  cairo_rectangle(cr, 0, 0, kWidth, 8);
  cairo_fill(cr);

  const double inner = kWidth - 2 * kMargin;
  double y = canvas.text("能力画像报告", "Noto Sans CJK SC Bold 22", kMargin, 40, inner, PANGO_ALIGN_LEFT, kInk);
  y = canvas.text(fmt::format("{}　·　{}　·　{}", p.worker_name, p.org_name, p.work_type_name), "Noto Sans CJK SC 11", kMargin, y + 4, inner,
                  PANGO_ALIGN_LEFT, kMuted);
  y += 18;
  if (!p.overall) {
    canvas.text("还没有可用于画像的证据。参加考试、竞赛后即可生成能力画像。", "Noto Sans CJK SC 12", kMargin, y, inner, PANGO_ALIGN_LEFT, kInk);
    return canvas.finish("portrait report");
  }

  // Overall: the score large, its band and evidence, the ranks.
  canvas.text(whole(p.overall->score), "Noto Sans CJK SC Bold 44", kMargin, y, 110, PANGO_ALIGN_LEFT, kBlue);
  double oy = canvas.text("综合能力得分（0–100）", "Noto Sans CJK SC 11", kMargin + 110, y + 6, 200, PANGO_ALIGN_LEFT, kInk);
  oy = canvas.text(fmt::format("95% 区间 {}–{}　·　{} 条证据", whole(p.overall->low), whole(p.overall->high), p.overall->evidence),
                   "Noto Sans CJK SC 10", kMargin + 110, oy + 2, 220, PANGO_ALIGN_LEFT, kMuted);
  std::string ranks;
  if (p.in_enterprise) ranks += fmt::format("本单位排名 第 {} / {} 名\n", p.in_enterprise->rank, p.in_enterprise->of);
  if (p.in_all)
    ranks += fmt::format("全市排名 第 {} / {} 名（超过 {}% 的同工种职工）", p.in_all->rank, p.in_all->of, whole(p.in_all->percentile));
  canvas.text(ranks, "Noto Sans CJK SC 10", kMargin + 330, y + 6, inner - 330, PANGO_ALIGN_LEFT, kInk);
  y = std::max(oy, y + 56) + 16;

  if (p.dimensions.size() >= 3) {
    draw_radar(canvas, p, kWidth / 2, y + 120, 95);
    canvas.text("━ 本人　┅ 同工种中位数", "Noto Sans CJK SC 8", kMargin, y + 238, inner, PANGO_ALIGN_CENTER, kMuted);
    y += 262;
  }

  // One row per dimension: name, score, band, evidence, reading.
  const double cols[] = {kMargin, kMargin + 110, kMargin + 150, kMargin + 215, kMargin + 260};
  cairo_set_source_rgb(cr, 0.95, 0.96, 0.98);
  cairo_rectangle(cr, kMargin - 4, y - 4, inner + 8, 20);
  cairo_fill(cr);
  int col = 0;
  for (const auto* head : {"能力维度", "得分", "95% 区间", "证据", "解读"})
    canvas.text(head, "Noto Sans CJK SC Bold 9", cols[col++], y, 120, PANGO_ALIGN_LEFT, kInk);
  y += 22;
  for (const auto& d : p.dimensions) {
    const Rgb tone = d.strength ? kGreen : d.weakness ? kOrange : kInk;
    double row = canvas.text(d.name, "Noto Sans CJK SC 9", cols[0], y, 105, PANGO_ALIGN_LEFT, kInk);
    canvas.text(d.score ? whole(d.score->score) : "—", "Noto Sans CJK SC Bold 9", cols[1], y, 40, PANGO_ALIGN_LEFT, tone);
    canvas.text(d.score ? whole(d.score->low) + "–" + whole(d.score->high) : "—", "Noto Sans CJK SC 9", cols[2], y, 60, PANGO_ALIGN_LEFT, kMuted);
    canvas.text(d.score ? std::to_string(d.score->evidence) : "0", "Noto Sans CJK SC 9", cols[3], y, 40, PANGO_ALIGN_LEFT, kMuted);
    row = std::max(row, canvas.text(portrait_reading(d), "Noto Sans CJK SC 9", cols[4], y, kWidth - kMargin - cols[4], PANGO_ALIGN_LEFT, tone));
    y = row + 8;
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, kMargin - 4, y - 4);
    cairo_line_to(cr, kWidth - kMargin + 4, y - 4);
    cairo_stroke(cr);
  }

  canvas.text("得分为在中等难度任务上预计获得的分数比例（0–100），由竞赛评分与考试答题按统一模型估计，近期证据权重更高，"
              "证据不足时向同工种平均水平收缩；区间越窄，证据越充分。",
              "Noto Sans CJK SC 8", kMargin, kHeight - 86, inner, PANGO_ALIGN_LEFT, kMuted);
  canvas.text(fmt::format("技能数字大脑 · 生成于 {}　·　画像更新于 {}", generated_on, p.refreshed_at), "Noto Sans CJK SC 8", kMargin, kHeight - 52, inner,
              PANGO_ALIGN_LEFT, kMuted);
  return canvas.finish("portrait report");
}

}  // namespace skb::service
