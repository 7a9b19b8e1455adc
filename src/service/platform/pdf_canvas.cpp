#include "service/platform/pdf_canvas.hpp"

#include <cairo-pdf.h>

#include "core/platform/error.hpp"

namespace skb::service {
namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

PdfCanvas::PdfCanvas(double width, double height)
    : surface_(cairo_pdf_surface_create_for_stream(append_bytes, &pdf_, width, height)), cr_(cairo_create(surface_)) {}

PdfCanvas::~PdfCanvas() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

double PdfCanvas::text(const std::string& text, const char* font, double x, double y, double width, PangoAlignment align, Rgb c) const {
  PangoLayout* layout = pango_cairo_create_layout(cr_);
  PangoFontDescription* desc = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout, desc);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_text(layout, text.c_str(), -1);
  cairo_set_source_rgb(cr_, c.r, c.g, c.b);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  pango_font_description_free(desc);
  g_object_unref(layout);
  return y + h;
}

std::string PdfCanvas::finish(const std::string& what) {
  cairo_show_page(cr_);
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  const auto status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS)
    throw core::Error(core::ErrorKind::internal, "pdf_failed", "cannot render the " + what + ": " + cairo_status_to_string(status));
  return std::move(pdf_);
}

}  // namespace skb::service
