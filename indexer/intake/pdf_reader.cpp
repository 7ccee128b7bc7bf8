// PDF: the text layer of each page in poppler's reading order (never raw order: numbers and
// dates stamped after signing come last in the content stream), and OCR of the pages that are
// scans. A third of real official PDFs are scans, often with a signature stamp as their only
// text, so the choice is made page by page.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <thread>

#include "ocr_cache.hpp"
#include "page_layout.hpp"
#include "page_ocr.hpp"
#include "reader.hpp"

namespace tracuu::intake {
namespace {

// Fewer real characters than this on a page that also carries an image: a scan.
constexpr size_t kScanChars = 200;
constexpr int kOcrDpi = 300;
// No page is started after this long reading one file: the reader runs under a wall-clock
// limit (ReadLimits, 120 s by default) and a file whose OCR is cut short by it would give
// nothing, where this way it gives the pages read (the rest come from the cache next time).
constexpr auto kOcrBudget = std::chrono::seconds(80);
// The longest side of a rendered page, so that a poster-sized page cannot exhaust memory.
constexpr double kMaxRenderPixels = 7200;

// poppler hands text as UTF-16; the rest of tracuu reads UTF-8.
std::string utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler's complaints about a damaged file go to stderr otherwise; the Status says it.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Words into lines. text_list() gives poppler's reading order with a box per word; a line
// ends where the next word is not beside it on the same baseline, or stands far off (the
// other cell of the header table: "Số: 1005/TTr-SNV" | "Bình Thuận, ngày …").
class WordLines {
 public:
  void add(const poppler::text_box& word) {
    std::string text = utf8(word.text());
    if (text.empty()) return;
    const poppler::rectf b = word.bbox();
    if (!open_ || !beside(b)) {
      close();
      line_ = PageLine{};
      line_.left = b.left();
      line_.top = b.top();
      line_.right = b.right();
      line_.bottom = b.bottom();
      line_.first_word_width = b.width();
      open_ = true;
    } else {
      if (space_after_ || b.left() - line_.right > 0.15 * b.height()) line_.text.push_back(' ');
      line_.top = std::min(line_.top, b.top());
      line_.bottom = std::max(line_.bottom, b.bottom());
      line_.right = std::max(line_.right, b.right());
    }
    line_.text += text;
    last_ = b;
    space_after_ = word.has_space_after();
  }
  std::vector<PageLine> finish() {
    close();
    return std::move(lines_);
  }

 private:
  bool beside(const poppler::rectf& b) const {
    const double h = std::min(b.height(), last_.height());
    const double overlap = std::min(b.bottom(), last_.bottom()) - std::max(b.top(), last_.top());
    if (h <= 0 || overlap < 0.5 * h) return false;
    const double gap = b.left() - last_.right();
    return gap >= -0.5 * h && gap <= (space_after_ ? 3.0 : 1.0) * h;
  }
  void close() {
    if (open_) lines_.push_back(std::move(line_));
    open_ = false;
  }
  std::vector<PageLine> lines_;
  PageLine line_;
  poppler::rectf last_;
  bool open_ = false;
  bool space_after_ = false;
};

// A page's text layer as lines with their boxes, in points; a turned page's words come
// upright, so its size is turned too.
LaidOutPage text_layer(poppler::page& page, int number) {
  LaidOutPage out;
  out.number = number;
  const poppler::rectf rect = page.page_rect();
  out.width = rect.width();
  out.height = rect.height();
  const auto turn = page.orientation();
  if (turn == poppler::page::landscape || turn == poppler::page::seascape)
    std::swap(out.width, out.height);
  WordLines lines;
  for (const poppler::text_box& word : page.text_list()) lines.add(word);
  out.lines = lines.finish();
  return out;
}

// The share of the page inked outside its text: a scanned image, not a short text page
// (the last page of a letter, with its signature only, is short but has no image).
double ink_outside_text(poppler::page& page, const LaidOutPage& layer) {
  constexpr double kDpi = 36;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(&page, kDpi, kDpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) return 0;
  const double scale = kDpi / 72.0;
  std::vector<char> text(static_cast<size_t>(image.width()) * image.height(), 0);
  for (const PageLine& l : layer.lines) {
    const int x0 = std::max(0, static_cast<int>(l.left * scale) - 1);
    const int x1 = std::min(image.width() - 1, static_cast<int>(l.right * scale) + 1);
    const int y0 = std::max(0, static_cast<int>(l.top * scale) - 1);
    const int y1 = std::min(image.height() - 1, static_cast<int>(l.bottom * scale) + 1);
    for (int y = y0; y <= y1; ++y)
      std::fill_n(text.begin() + static_cast<size_t>(y) * image.width() + x0, x1 - x0 + 1, 1);
  }
  size_t ink = 0;
  const auto* pixels = reinterpret_cast<const uint8_t*>(image.const_data());
  for (int y = 0; y < image.height(); ++y) {
    const uint8_t* row = pixels + static_cast<size_t>(y) * image.bytes_per_row();
    for (int x = 0; x < image.width(); ++x) {
      if (row[x] < 160 && text[static_cast<size_t>(y) * image.width() + x] == 0) ++ink;
    }
  }
  return static_cast<double>(ink) / (static_cast<double>(image.width()) * image.height());
}

// The layer's text in one piece, for tests on the text as a whole.
std::string all_text(const LaidOutPage& page) {
  std::string s;
  for (const PageLine& l : page.lines) s += l.text + "\n";
  return s;
}

// How a page's text layer is to be taken.
enum class Layer {
  kText,    // the page's text
  kShort,   // little text beside an image: OCR, and keep whichever says more
  kScan,    // no real text (or only a stamp): OCR
  kBroken,  // text in a font without Vietnamese: OCR, never the layer
};

// Decided page by page: a file often mixes typed pages and scanned annexes.
Layer judge(poppler::page& page, const LaidOutPage& layer) {
  if (is_broken_vietnamese(all_text(layer))) return Layer::kBroken;
  const size_t chars = real_text_chars(layer.lines);
  if (chars >= kScanChars) return Layer::kText;
  const double ink = ink_outside_text(page, layer);
  if (chars == 0) return ink >= 0.001 ? Layer::kScan : Layer::kText;
  return ink >= 0.01 ? Layer::kShort : Layer::kText;
}

// Only stamps survive from a layer that OCR replaces: the page's words come from the image.
std::vector<PageLine> stamps_of(const LaidOutPage& layer) {
  const std::vector<bool> stamp = stamp_lines(layer.lines);
  std::vector<PageLine> out;
  for (size_t i = 0; i < layer.lines.size(); ++i) {
    if (stamp[i]) out.push_back(layer.lines[i]);
  }
  return out;
}

// A page handed to the OCR threads, and what they made of it.
struct OcrJob {
  int index = 0;  // 0-based page
  Layer layer = Layer::kScan;
  Result<OcrPage> result = Status::internal("not read");
};

// Renders a page for OCR at 300 dpi gray (less for oversized pages), under poppler's lock:
// one document is not safe to render from two threads.
poppler::image render_for_ocr(poppler::document& doc, int index, std::mutex& lock, int& dpi) {
  std::lock_guard<std::mutex> guard(lock);
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return {};
  const poppler::rectf r = page->page_rect();
  const double longest_inches = std::max(r.width(), r.height()) / 72.0;
  dpi = kOcrDpi;
  if (longest_inches * dpi > kMaxRenderPixels)
    dpi = std::max(72, static_cast<int>(kMaxRenderPixels / longest_inches));
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  return renderer.render_page(page.get(), dpi, dpi);
}

// The cache is asked by the rendered image, not by the file: the same scan re-signed, renamed
// or bundled into another PDF is found again.
Result<OcrPage> ocr_page(poppler::document& doc, int index, std::mutex& lock, PageOcr& ocr,
                         const OcrCache& cache) {
  int dpi = kOcrDpi;
  const poppler::image image = render_for_ocr(doc, index, lock, dpi);
  if (!image.is_valid()) return Status::internal("page did not render");
  GrayImage gray{reinterpret_cast<const uint8_t*>(image.const_data()), image.width(),
                 image.height(), image.bytes_per_row(), dpi};
  const uint64_t key = page_image_key(gray);
  if (std::optional<OcrPage> kept = cache.find(key)) return *kept;
  Result<OcrPage> read = ocr.read(gray);
  if (read.is_ok()) cache.store(key, read.value());
  return read;
}

// Pages in parallel, one tesseract per thread; a thread's failure is its page's only.
void run_ocr(poppler::document& doc, std::vector<OcrJob>& jobs, const ReadOptions& options) {
  if (jobs.empty()) return;
  const OcrCache cache(options.ocr_cache);
  const auto deadline = std::chrono::steady_clock::now() + kOcrBudget;
  std::mutex lock;
  std::atomic<size_t> next{0};
  std::mutex progress_lock;
  int done = 0;
  auto work = [&] {
    PageOcr ocr;
    for (size_t k = next++; k < jobs.size(); k = next++) {
      if (std::chrono::steady_clock::now() > deadline) {
        jobs[k].result = Status::unavailable("not read in the file's OCR time");
        continue;
      }
      try {
        jobs[k].result = ocr_page(doc, jobs[k].index, lock, ocr, cache);
      } catch (const std::exception& e) {
        jobs[k].result = Status::internal(e.what());
      }
      if (options.on_ocr_page) {
        std::lock_guard hold(progress_lock);
        options.on_ocr_page(++done, static_cast<int>(jobs.size()));
      }
    }
  };
  const size_t threads =
      std::clamp<size_t>(static_cast<size_t>(std::max(1, options.ocr_threads)), 1, jobs.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

// OCR lines to the page's layout, in the image's pixels, with the layer's stamps beside them.
LaidOutPage ocr_layout(const OcrPage& ocr, const LaidOutPage& layer) {
  LaidOutPage page;
  page.number = layer.number;
  page.width = ocr.width;
  page.height = ocr.height;
  page.ocr = true;
  page.lines = ocr.lines;
  const double scale = layer.width > 0 ? ocr.width / layer.width : 1;
  for (PageLine stamp : stamps_of(layer)) {
    stamp.left *= scale;
    stamp.right *= scale;
    stamp.top *= scale;
    stamp.bottom *= scale;
    page.lines.push_back(std::move(stamp));
  }
  return page;
}

// Whether OCR of a short page says clearly more than its text layer.
bool ocr_says_more(const OcrPage& ocr, const LaidOutPage& layer) {
  const size_t from_image = real_text_chars(ocr.lines);
  const size_t from_layer = real_text_chars(layer.lines);
  return from_image > from_layer + from_layer / 2 + 50;
}

// The reader registered for application/pdf.
class PdfReader : public Reader {
 public:
  std::string_view format() const override { return "pdf"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    // A ".pdf" that libmagic knows as something else (a docx, an HTML page) is that; one it
    // cannot tell (bytes before "%PDF") is tried as a PDF.
    return mime == "application/pdf" || (extension == ".pdf" && mime == "application/octet-stream");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions& options) const override {
    try {
      return read_pdf(bytes, options);
    } catch (const std::bad_alloc&) {
      return Status::invalid_argument("reading the PDF needed more memory than allowed");
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("damaged PDF: ") + e.what());
    } catch (...) {
      return Status::invalid_argument("damaged PDF");
    }
  }

 private:
  // Text layers first, in this thread; then the scans, in parallel; then the layout of all
  // pages at once, since running headers are found across pages.
  static Result<ReadFile> read_pdf(std::string_view bytes, const ReadOptions& options) {
    quiet_poppler();
    if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
      return Status::invalid_argument("PDF too large");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return Status::invalid_argument("damaged PDF");
    if (doc->is_locked()) return Status::invalid_argument("encrypted PDF");
    const int count = doc->pages();
    if (count <= 0) return Status::invalid_argument("damaged PDF: no pages");

    ReadFile file;
    file.format = "pdf";
    file.pages = count;
    std::vector<LaidOutPage> pages(static_cast<size_t>(count));
    std::vector<OcrJob> jobs;
    for (int i = 0; i < count; ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) {
        file.warnings.push_back("page " + std::to_string(i + 1) + ": damaged, not read");
        pages[i].number = i + 1;
        continue;
      }
      pages[i] = text_layer(*page, i + 1);
      const Layer layer = judge(*page, pages[i]);
      if (layer == Layer::kText) continue;
      if (layer == Layer::kBroken) pages[i].lines = stamps_of(pages[i]);
      if (!options.ocr) {
        if (layer != Layer::kShort)
          file.warnings.push_back("page " + std::to_string(i + 1) +
                                  " is a scan: not read (--no-ocr)");
        continue;
      }
      jobs.push_back({i, layer, Status::internal("not read")});
    }
    run_ocr(*doc, jobs, options);
    for (OcrJob& job : jobs) take_ocr(job, pages[job.index], file);
    std::sort(file.ocr_pages.begin(), file.ocr_pages.end());
    file.blocks = layout_blocks(pages);
    return file;
  }

  // OCR's lines replace the page's layer, except on a short page whose layer says as much.
  static void take_ocr(OcrJob& job, LaidOutPage& page, ReadFile& file) {
    const std::string where = "page " + std::to_string(job.index + 1);
    if (!job.result.is_ok()) {
      file.warnings.push_back(where + ": OCR failed (" + job.result.status().message() + ")");
      return;
    }
    const OcrPage& ocr = job.result.value();
    if (job.layer == Layer::kShort && !ocr_says_more(ocr, page)) return;
    if (!ocr.lines.empty() && ocr.confidence < 40)
      file.warnings.push_back(where + ": OCR confidence low (" + std::to_string(ocr.confidence) +
                              ")");
    page = ocr_layout(ocr, page);
    file.ocr_pages.push_back(job.index + 1);
  }
};

}  // namespace

std::unique_ptr<Reader> make_pdf_reader() { return std::make_unique<PdfReader>(); }

}  // namespace tracuu::intake
