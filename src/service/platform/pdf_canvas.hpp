#pragma once
// One page of PDF drawn with cairo, text laid out by pango (Noto CJK fonts): what the certificate and
// the portrait report share. The PDF's bytes stay in memory.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string>

namespace skb::service {

struct Rgb {
  double r = 0.15, g = 0.15, b = 0.15;
};

class PdfCanvas {
 public:
  PdfCanvas(double width_points, double height_points);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  cairo_t* cr() const { return cr_; }
  // Lays `text` out in a box `width` wide from (x, y), wrapping; answers the y below it.
  double text(const std::string& text, const char* font, double x, double y, double width, PangoAlignment align = PANGO_ALIGN_LEFT,
              Rgb colour = {}) const;
  // Ends the page and answers the PDF; throws Error(internal, "pdf_failed") naming `what`.
  std::string finish(const std::string& what);

 private:
  std::string pdf_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

}  // namespace skb::service
