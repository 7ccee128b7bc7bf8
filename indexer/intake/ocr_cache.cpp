#include "ocr_cache.hpp"

#include <unistd.h>
#include <xxhash.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace tracuu::intake {
namespace {

// Changes when what a page's OCR gives changes (engine, model, settings, file layout): older
// entries are then simply never found again.
constexpr std::string_view kVersion = "tracuu-ocr 3 tesseract vie psm-auto";

// Fixed-width names: one file per key, and listing the folder shows nothing else.
std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// Text, one line per OCR line with its box: small, and readable when a page reads wrongly.
std::string serialise(const OcrPage& page) {
  std::ostringstream out;
  out << kVersion << "\n" << page.confidence << " " << page.width << " " << page.height << "\n";
  for (const PageLine& l : page.lines) {
    out << l.left << " " << l.top << " " << l.right << " " << l.bottom << " " << l.first_word_width
        << " " << (l.starts_paragraph ? 1 : 0) << "\t" << l.text << "\n";
  }
  return out.str();
}

// Anything that is not a whole entry of this version is a miss, never an error.
std::optional<OcrPage> parse(std::istream& in) {
  std::string line;
  if (!std::getline(in, line) || line != kVersion) return std::nullopt;
  OcrPage page;
  if (!std::getline(in, line)) return std::nullopt;
  std::istringstream head(line);
  if (!(head >> page.confidence >> page.width >> page.height)) return std::nullopt;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) return std::nullopt;
    std::istringstream box(line.substr(0, tab));
    PageLine l;
    int para = 0;
    if (!(box >> l.left >> l.top >> l.right >> l.bottom >> l.first_word_width >> para))
      return std::nullopt;
    l.starts_paragraph = para != 0;
    l.text = line.substr(tab + 1);
    page.lines.push_back(std::move(l));
  }
  return page;
}

}  // namespace

uint64_t page_image_key(const GrayImage& image) {
  XXH3_state_t* state = XXH3_createState();
  if (state == nullptr) return 0;
  XXH3_64bits_reset(state);
  XXH3_64bits_update(state, kVersion.data(), kVersion.size());
  const int32_t dims[3] = {image.width, image.height, image.dpi};
  XXH3_64bits_update(state, dims, sizeof dims);
  for (int y = 0; y < image.height; ++y) {
    XXH3_64bits_update(state, image.pixels + static_cast<size_t>(y) * image.bytes_per_row,
                       static_cast<size_t>(image.width));
  }
  const uint64_t key = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return key;
}

OcrCache::OcrCache(std::filesystem::path dir) : dir_(std::move(dir)) {
  if (dir_.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  usable_ = std::filesystem::is_directory(dir_, ec);
}

std::filesystem::path OcrCache::file_of(uint64_t key) const { return dir_ / (hex(key) + ".ocr"); }

std::optional<OcrPage> OcrCache::find(uint64_t key) const {
  if (!usable_) return std::nullopt;
  std::ifstream in(file_of(key), std::ios::binary);
  if (!in) return std::nullopt;
  return parse(in);
}

void OcrCache::store(uint64_t key, const OcrPage& page) const {
  if (!usable_) return;
  static std::atomic<uint64_t> serial{0};
  const std::filesystem::path target = file_of(key);
  std::filesystem::path temp = target;
  temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(serial++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << serialise(page);
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) std::filesystem::remove(temp, ec);
}

}  // namespace tracuu::intake
