#include "tracuu/document.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "case_name.hpp"
#include "extraction.hpp"
#include "issuer_name.hpp"
#include "text_lines.hpp"
#include "tracuu/bundle.hpp"
#include "tracuu/document_number.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {

std::string shown_path(const std::filesystem::path& folder, const std::filesystem::path& file) {
  std::filesystem::path name = folder.lexically_normal().filename();
  if (name.empty()) name = folder.lexically_normal().parent_path().filename();  // "docs/"
  std::filesystem::path below =
      file.lexically_normal().lexically_relative(folder.lexically_normal());
  return (name / below).lexically_normal().string();
}

std::string file_key(const std::string& absolute_path) {
  char buf[17];
  std::snprintf(
      buf, sizeof buf, "%016llx",
      static_cast<unsigned long long>(XXH64(absolute_path.data(), absolute_path.size(), 0)));
  return std::string(buf, 12);
}

std::vector<Document> documents_from_text(const std::string& path, const std::string& text,
                                          const std::string& encoding) {
  // The file is cut into lines once, for the split and every part's extraction.
  std::vector<BundlePart> parts = split_bundle_parts(text);
  std::vector<Document> docs;
  std::string key = file_key(path);
  BundleContext context;
  for (size_t i = 0; i < parts.size(); ++i) {
    Document d;
    d.source.path = path;
    d.source.part = static_cast<int>(i + 1);
    d.source.parts = static_cast<int>(parts.size());
    d.id = key + "-" + std::to_string(i + 1);
    d.text = std::string(parts[i].text);
    d.meta = extract_metadata_from_lines(parts[i].lines, context);
    d.meta.issuer = canonical_issuer(d.meta.issuer);
    if (context.province.empty()) context.province = d.meta.province;
    d.encoding = encoding;
    docs.push_back(std::move(d));
  }
  return docs;
}

namespace {

// The envelope's facts replace what the text says: an exchange package states them as the
// sender's system registered them.
void apply_envelope(const DocumentEnvelope& e, DocumentMetadata& m) {
  if (!e.type.empty()) m.type = e.type;
  if (!e.number.empty()) {
    if (std::optional<DocumentNumber> n = parse_document_number(e.number)) {
      m.number = n->display;
      m.number_key = n->key;
    } else {
      m.number = e.number;
      m.number_key.clear();
    }
  }
  if (!e.title.empty()) m.title = e.title;
  if (!e.issuer.empty()) m.issuer = canonical_issuer(e.issuer);
  if (!e.signer.empty()) m.signer = e.signer;
  if (e.date.size() == 10) {
    m.date = e.date;
    m.year = std::atoi(e.date.c_str());
    m.year_inferred = false;
  }
}

// A serial the document leaves blank ("Số: /TTr-SNV"), from the name of its file or, failing
// that, its folder, when the name says the document's own type: "Tờ trình 156 SNV" is the
// tờ trình's serial, not the draft decision's beside it. Marked uncertain: a name is typed by
// whoever filed it.
void serial_from_name(const std::string& path, DocumentMetadata& m) {
  if (!m.number.empty() || m.draft_symbol.empty()) return;
  const std::filesystem::path p(path);
  for (const std::string& name : {p.stem().string(), p.parent_path().filename().string()}) {
    CaseName said = read_case_name(name);
    if (said.serial.empty()) continue;
    if (!m.type.empty() && said.type != m.type) return;
    // "CV 4214 BCA" over a province's answer to the ministry's letter 4214: the name is of the
    // letter the document answers, which it cites, or of an organ its symbol does not hold.
    std::string symbol = fold_text(m.draft_symbol);
    if (!said.code.empty() && symbol.find(said.code) == std::string::npos) return;
    for (const Directive& d : m.directives) {
      if (d.key.rfind(said.serial + "/", 0) == 0) return;
    }
    std::optional<DocumentNumber> n = parse_document_number(said.serial + "/" + m.draft_symbol);
    if (!n) return;
    m.number = n->display;
    m.number_key = n->key;
    m.number_uncertain = true;
    if (m.type.empty()) m.type = said.type;
    return;
  }
}

bool first_page_by_ocr(const ReadFile& file) {
  return std::find(file.ocr_pages.begin(), file.ocr_pages.end(), 1) != file.ocr_pages.end();
}

}  // namespace

Result<FileDocuments> documents_from_read_file(const std::string& path, const ReadFile& file) {
  // A text file's bytes go to the decoder as they are (it tells the 8-bit encodings apart);
  // other readers hand over UTF-8, which may still hold legacy look-alikes.
  std::string text =
      file.format == "txt" && file.blocks.size() == 1 ? file.blocks[0].text : text_of(file);
  // A text file's emptiness is the decoder's to tell ("empty file").
  if (file.format != "txt" && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    // A scan read without OCR says so: the warning names the pages left unread.
    if (!file.warnings.empty())
      return Status::invalid_argument("no text: " + file.warnings.front());
    return Status::invalid_argument(file.pages > 0 && !file.ocr_pages.empty()
                                        ? "no text in the file, even by OCR"
                                        : "no text in the file");
  }
  Result<SourceText> source = decode_source(text);
  if (!source.is_ok()) return source.status();
  FileDocuments out;
  out.encoding = source->encoding;
  out.documents = documents_from_text(path, source->text, source->encoding);
  for (Document& d : out.documents) {
    d.source.format = file.format;
    d.source.pages = file.pages;
    d.source.ocr_pages = file.ocr_pages;
    d.exchange_id = file.exchange_id;
  }
  if (!out.documents.empty()) {
    Document& first = out.documents.front();
    // The header block (number, date) is on the first page.
    if (first_page_by_ocr(file)) {
      first.meta.number_uncertain = !first.meta.number.empty();
      first.meta.date_uncertain = !first.meta.date.empty();
    }
    serial_from_name(path, first.meta);
    apply_envelope(file.envelope, first.meta);
    if (!file.envelope.number.empty()) first.meta.number_uncertain = false;
    if (!file.envelope.date.empty()) first.meta.date_uncertain = false;
  }
  return out;
}

Result<std::vector<Document>> load_documents(const std::filesystem::path& file) {
  Result<SourceText> source = read_source(file);
  if (!source.is_ok()) return source.status();
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(file, ec).lexically_normal();
  return documents_from_text(shown_path(absolute.parent_path(), absolute), source->text,
                             source->encoding);
}

}  // namespace tracuu
