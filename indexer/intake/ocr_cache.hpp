// Internal: OCR results kept on disk by the hash of the page's rendered image. OCR costs
// seconds a page; a file indexed again (moved, renamed, re-signed with the same scan) must
// never be read twice.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "page_ocr.hpp"

namespace tracuu::intake {

// The key of a rendered page: its pixels, its size and the OCR settings that read it.
uint64_t page_image_key(const GrayImage& image);

// One small file per page in a directory. Safe for concurrent readers and writers (other
// threads, other tracuu-read processes): a file appears whole, by rename, or not at all.
class OcrCache {
 public:
  explicit OcrCache(std::filesystem::path dir);  // empty: keeps nothing
  std::optional<OcrPage> find(uint64_t key) const;
  // Errors are not the reading's: a full disk only costs the next run its OCR.
  void store(uint64_t key, const OcrPage& page) const;

 private:
  std::filesystem::path file_of(uint64_t key) const;
  std::filesystem::path dir_;
  bool usable_ = false;
};

}  // namespace tracuu::intake
