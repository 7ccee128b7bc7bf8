// Document intake: from an office file (Word, PDF, scan, edXML package, text) to the text
// blocks and facts the rest of tracuu reads.
//
// Readers (indexer/intake/, one per format) only take text out of a format. Everything after
// them — encodings, bundles, metadata, directives, the index — is blind to the format: it sees
// `text_of(file)` and, for containers whose envelope states them, `envelope` fields that win
// over what the text says.
//
// Readers of hostile binary formats run in a child process with limits on time and memory
// (`read_file_isolated`), so a broken or malicious file is reported and the batch goes on.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/status.hpp"

namespace tracuu {

// One piece of a file's text, in reading order.
struct TextBlock {
  enum class Kind {
    kParagraph,   // a paragraph, or a line of a page that could not be joined to its neighbours
    kCell,        // a table cell; `row`/`col` say where (the header table's cells stay apart)
    kTextBox,     // a text box or frame, once (never its fallback copy)
    kFootnote,    // footnotes and endnotes, after the body
    kPageHeader,  // running headers and footers: kept apart, never read as the document's
    kPageFooter,  //   title, number or date
  };
  Kind kind = Kind::kParagraph;
  std::string text;  // UTF-8 as the format holds it; may be denormalised or legacy look-alikes
  int page = 0;      // 1-based page, 0 where the format has no pages
  int row = -1, col = -1;
  bool ocr = false;  // read from the page's image by OCR
};

// Facts a container states about its document outside the text (an edXML envelope). Each field
// is empty when not stated; a stated field wins over what the text says.
struct DocumentEnvelope {
  std::string type;    // "Công văn"
  std::string number;  // "7816/VPCP-TTĐT"
  std::string title;   // the subject
  std::string issuer;  // the sending organ's name
  std::string date;    // ISO "2019-04-11"
  std::string signer;
};

// What a reader made of one file.
struct ReadFile {
  std::string format;  // "txt", "docx", "odt", "doc", "rtf", "html", "pdf", "edxml"
  std::string mime;    // the type decided from the content ("application/pdf")
  std::vector<TextBlock> blocks;
  int pages = 0;               // pages of a paged format, 0 otherwise
  std::vector<int> ocr_pages;  // 1-based pages whose text came from OCR
  DocumentEnvelope envelope;
  // edXML exchange: the package's own DocumentId, and the one it revokes or replaces
  // ("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"). A revoking package carries no document.
  std::string exchange_id;
  std::string revokes;
  std::string replaces;
  // Non-empty when the file holds no document to index and says why (an edXML status package,
  // a file type tracuu does not read: "image/png"). Not an error: the summary counts it.
  std::string skip_reason;
  std::vector<std::string> warnings;  // read, but something was lost ("page 3: OCR failed")
};

struct ReadOptions {
  bool ocr = true;                  // read scanned pages with tesseract
  std::filesystem::path ocr_cache;  // where OCR results are kept by page hash; empty: nowhere
  int ocr_threads = 2;              // pages read at once
  // Called as each scanned page is read (from the reading threads, one at a time), so a long
  // OCR shows its progress. tracuu-read passes it on to the indexer on its standard error.
  std::function<void(int pages_done, int pages_total)> on_ocr_page;
};

// The text the pipeline analyses: paragraphs, cells and text boxes one per line in reading
// order, footnotes after them; running headers and footers left out. Never empty lines.
std::string text_of(const ReadFile& file);

// Decides the file's type from its content (libmagic), then its name, and reads it with the
// reader of that format, in this process. `name` is the file's name (extension, for formats
// libmagic cannot tell apart). Fails with kInvalidArgument and the reason for a file that is
// damaged, encrypted or empty; a type no reader takes gives a ReadFile with `skip_reason`.
Result<ReadFile> read_file_bytes(std::string_view bytes, std::string_view name,
                                 const ReadOptions& options);

// Limits on one reading in a child process.
struct ReadLimits {
  int seconds = 120;        // wall clock, before the child is killed
  int cpu_seconds = 300;    // CPU (OCR on two threads spends up to twice the wall clock)
  size_t memory_mb = 2048;  // address space
};

// A reader process (`tracuu-read --serve`) that reads files one after another, each under
// `limits`: starting one costs more than reading a typical Word file, so the indexer keeps one
// per preparing thread. A crash, hang or exhausted limit is a failure of that file only, with
// its reason; the process is replaced for the next file. `options.on_ocr_page` hears its OCR
// progress. Not thread-safe: one per thread.
class ReaderProcess {
 public:
  ReaderProcess(std::filesystem::path program, ReadOptions options, ReadLimits limits = {});
  ~ReaderProcess();
  ReaderProcess(const ReaderProcess&) = delete;
  ReaderProcess& operator=(const ReaderProcess&) = delete;

  Result<ReadFile> read(const std::filesystem::path& path);

 private:
  Status start();
  void stop();
  Status failure(int wait_status, bool timed_out);

  const std::filesystem::path program_;
  const ReadOptions options_;
  const ReadLimits limits_;
  int pid_ = -1;
  int requests_ = -1, answers_ = -1, messages_ = -1;  // the child's stdin, stdout, stderr
  std::string answer_, said_;                         // unread output, this file's messages
  size_t served_ = 0;                                 // files read by this process
};

// One file in a reader process of its own (ReaderProcess, for a single file).
Result<ReadFile> read_file_isolated(const std::filesystem::path& path,
                                    const std::filesystem::path& reader_program,
                                    const ReadOptions& options, const ReadLimits& limits = {});

// The reader program next to the running executable (tracuu-read), or on the PATH.
std::filesystem::path default_reader_program();

// Whether the file is read by the plain text path (no reader process): .txt, or no extension.
bool is_plain_text_name(std::string_view name);

}  // namespace tracuu
