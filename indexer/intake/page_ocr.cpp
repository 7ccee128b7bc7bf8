#include "page_ocr.hpp"

#include <dlfcn.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

#include "tracuu/normalize.hpp"

namespace tracuu::intake {
namespace {

std::atomic<uint64_t> g_runs{0};

// A page that keeps tesseract busy this long is noise (a photo, a halftone), not text: it is
// given up so that the rest of the file is read within the reader's time limit.
constexpr int kPageDeadlineMs = 30'000;

// Tesseract parallelises its network with OpenMP; with one engine per page thread that only
// oversubscribes the cores and spins. OMP_THREAD_LIMIT is read when libgomp loads, too early
// for us, so each OCR thread also turns its own parallel regions off (max active levels 0),
// through dlsym so that a tesseract built without OpenMP needs nothing.
void keep_openmp_to_one_thread() {
  // Once, before any engine starts: setenv beside tesseract's getenv in another thread races.
  static std::once_flag once;
  std::call_once(once, [] { ::setenv("OMP_THREAD_LIMIT", "1", 0); });
  using SetLevels = void (*)(int);
  static const auto set_levels =
      reinterpret_cast<SetLevels>(::dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  thread_local bool done = false;
  if (set_levels != nullptr && !done) set_levels(0);
  done = true;
}

// Tesseract's strings are new[]-allocated and may carry its own line breaks.
std::string take_text(char* text) {
  std::string s = text != nullptr ? text : "";
  delete[] text;
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Specks, stamp rims and signature strokes read as "®", "t", "°": no letters and digits,
// or one or two letters alone on their line. A page number ("3") stays.
bool is_speck(std::string_view text) {
  size_t letters = 0, digits = 0, spaces = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (u_isalpha(c)) ++letters;
    if (u_isdigit(c)) ++digits;
    if (c == ' ') ++spaces;
  }
  if (letters + digits == 0) return true;
  const bool numbering = text.find_first_of(".)") != std::string_view::npos;  // "II.", "a)"
  return digits == 0 && spaces == 0 && letters <= 2 && !numbering;
}

// Words into lines; a gap of several line heights inside a tesseract line is the gutter of
// the header table, so the two cells stay two lines ("BỘ CÔNG AN" | "CỘNG HÒA XÃ HỘI…").
class LineBuilder {
 public:
  void word(std::string text, int l, int t, int r, int b, bool new_line, bool new_para) {
    if (text.empty()) return;
    const double h = open_ ? std::max(1.0, line_.height()) : 0;
    if (open_ && !new_line && l - last_right_ > 2.5 * h) new_line = true;
    if (open_ && !new_line && starts_motto(text)) new_line = true;
    if (!open_ || new_line) {
      close();
      line_ = PageLine{};
      line_.left = l;
      line_.top = t;
      line_.right = r;
      line_.bottom = b;
      line_.first_word_width = r - l;
      line_.starts_paragraph = new_para;
      open_ = true;
    } else {
      line_.text.push_back(' ');
      line_.top = std::min<double>(line_.top, t);
      line_.bottom = std::max<double>(line_.bottom, b);
      line_.right = std::max<double>(line_.right, r);
    }
    line_.text += text;
    last_right_ = r;
    last_word_ = std::move(text);
  }
  std::vector<PageLine> finish() {
    close();
    return std::move(lines_);
  }

 private:
  void close() {
    if (open_ && !line_.text.empty() && !is_speck(line_.text)) lines_.push_back(std::move(line_));
    open_ = false;
  }
  std::vector<PageLine> lines_;
  PageLine line_;
  bool open_ = false;
  int last_right_ = 0;
  std::string last_word_;

  // "CỘNG" of the national motto, where tesseract ran the issuer's cell into it ("BỘ CÔNG AN
  // _ CỘNG HÒA XÃ HỘI…"); not the "CỘNG" of "ĐẢNG CỘNG SẢN".
  bool starts_motto(const std::string& word) const {
    return fold_diacritics(word) == "cong" && word != "cộng" && word != "Cộng" &&
           fold_diacritics(last_word_) != "dang";
  }
};

// Word by word, so that each line has its box and its first word's width.
std::vector<PageLine> recognised_lines(tesseract::TessBaseAPI& api) {
  LineBuilder lines;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return {};
  const auto word = tesseract::RIL_WORD;
  do {
    if (it->Empty(word)) continue;
    int l = 0, t = 0, r = 0, b = 0;
    if (!it->BoundingBox(word, &l, &t, &r, &b)) continue;
    lines.word(take_text(it->GetUTF8Text(word)), l, t, r, b,
               it->IsAtBeginningOf(tesseract::RIL_TEXTLINE),
               it->IsAtBeginningOf(tesseract::RIL_PARA));
  } while (it->Next(word));
  return lines.finish();
}

}  // namespace

PageOcr::PageOcr() = default;
PageOcr::~PageOcr() {
  if (api_) api_->End();
}

Status PageOcr::start() {
  keep_openmp_to_one_thread();
  if (started_) return api_ ? Status::ok() : Status::unavailable("tesseract 'vie' model missing");
  started_ = true;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(nullptr, "vie") != 0) return Status::unavailable("tesseract 'vie' model missing");
  api->SetVariable("debug_file", "/dev/null");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  api_ = std::move(api);
  return Status::ok();
}

Result<OcrPage> PageOcr::read(const GrayImage& image) {
  Status started = start();
  if (!started.is_ok()) return started;
  if (image.pixels == nullptr || image.width <= 0 || image.height <= 0)
    return Status::invalid_argument("page did not render");
  g_runs.fetch_add(1, std::memory_order_relaxed);
  api_->SetImage(image.pixels, image.width, image.height, 1, image.bytes_per_row);
  api_->SetSourceResolution(image.dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(kPageDeadlineMs);
  if (api_->Recognize(&monitor) != 0 || monitor.deadline_exceeded()) {
    api_->Clear();
    return Status::internal("tesseract could not read the page in time");
  }
  OcrPage page;
  page.lines = recognised_lines(*api_);
  page.confidence = api_->MeanTextConf();
  page.width = image.width;
  page.height = image.height;
  api_->Clear();
  return page;
}

uint64_t ocr_runs() { return g_runs.load(std::memory_order_relaxed); }

}  // namespace tracuu::intake
