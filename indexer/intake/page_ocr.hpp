// Internal: the text of a page's image, read by tesseract (Vietnamese), with where each line
// sits, so that OCR'd text goes through the same paragraph joining as a text layer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "page_layout.hpp"
#include "tracuu/status.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace tracuu::intake {

// A page rendered in 8-bit gray, as poppler hands it over (rows may be padded).
struct GrayImage {
  const uint8_t* pixels = nullptr;
  int width = 0, height = 0, bytes_per_row = 0;
  int dpi = 300;
};

// What OCR read on one page: lines in reading order, in pixels of the rendered image.
struct OcrPage {
  std::vector<PageLine> lines;
  int confidence = 0;  // tesseract's mean word confidence, 0-100
  int width = 0, height = 0;
};

// One tesseract engine. Its model takes a while to load and it is not thread-safe, so each
// OCR thread keeps one and reads its pages one after another.
class PageOcr {
 public:
  PageOcr();
  ~PageOcr();
  PageOcr(const PageOcr&) = delete;
  PageOcr& operator=(const PageOcr&) = delete;

  Result<OcrPage> read(const GrayImage& image);

 private:
  Status start();
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  bool started_ = false;
};

// Pages tesseract has read in this process: what the OCR cache spares is visible in tests.
uint64_t ocr_runs();

}  // namespace tracuu::intake
