#include "service/contest/certificate_pdf.hpp"

#include <memory>

#include "service/platform/pdf_canvas.hpp"
#include "service/platform/qr.hpp"

namespace skb::service {
namespace {

constexpr double kWidth = 841.89, kHeight = 595.28;  // A4 landscape, points

void draw_qr(cairo_t* cr, const std::string& url, double x, double y, double size) {
  const auto qr = qr_modules(url);
  const double module = size / (qr.width + 8);  // a quiet zone of four modules each side
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < qr.width; ++row)
    for (int col = 0; col < qr.width; ++col)
      if (qr.dark[static_cast<size_t>(row * qr.width + col)]) cairo_rectangle(cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill(cr);
}

}  // namespace

std::string render_certificate_pdf(const CertificateText& t) {
  PdfCanvas canvas(kWidth, kHeight);
  cairo_t* cr = canvas.cr();
  const auto draw_text = [&](const std::string& text, const char* font, double x, double y, double width,
                             PangoAlignment align = PANGO_ALIGN_CENTER, double r = 0.15, double g = 0.15, double b = 0.15) {
    return canvas.text(text, font, x, y, width, align, {r, g, b});
  };

  // Paper, a double red frame and a gold inner line, as certificates here look.
  cairo_set_source_rgb(cr, 1, 0.99, 0.96);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.72, 0.1, 0.1);
  cairo_set_line_width(cr, 10);
  cairo_rectangle(cr, 22, 22, kWidth - 44, kHeight - 44);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.8, 0.62, 0.2);
  cairo_set_line_width(cr, 2);
  cairo_rectangle(cr, 38, 38, kWidth - 76, kHeight - 76);
  cairo_stroke(cr);

  double y = draw_text("荣 誉 证 书", "Noto Serif CJK SC Bold 40", 60, 70, kWidth - 120, PANGO_ALIGN_CENTER, 0.72, 0.1, 0.1);
  y = draw_text(t.holder + " 同志：", "Noto Serif CJK SC 20", 110, y + 36, kWidth - 220, PANGO_ALIGN_LEFT);
  const std::string body = "在" + t.competition + "“" + t.event + "”项目中，" + (t.team.empty() ? "" : "作为“" + t.team + "”队员，") +
                           "成绩优异，荣获" + t.award +
                           (t.honour.empty() ? "" : "，并被授予“" + t.honour + "”称号") + "。特发此证，以资鼓励。";
  y = draw_text("　　" + body, "Noto Serif CJK SC 18", 110, y + 18, kWidth - 220, PANGO_ALIGN_LEFT);
  draw_text(t.issuer, "Noto Serif CJK SC Bold 18", kWidth - 420, kHeight - 170, 300, PANGO_ALIGN_CENTER);
  draw_text(t.issued_on, "Noto Serif CJK SC 16", kWidth - 420, kHeight - 140, 300, PANGO_ALIGN_CENTER);
  draw_qr(cr, t.verify_url, 70, kHeight - 175, 100);
  draw_text("证书编号 " + t.code + "\n扫码或访问验证页核验真伪", "Noto Sans CJK SC 9", 180, kHeight - 150, 260, PANGO_ALIGN_LEFT,
            0.35, 0.35, 0.35);

  return canvas.finish("certificate");
}

}  // namespace skb::service
