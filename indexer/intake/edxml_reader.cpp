// edXML (QCVN 102:2016/BTTTT): the package in which agencies' document systems exchange a
// document. Its envelope states the number, date, issuer, type, subject and signer, which win
// over what the text says; the document itself travels as base64 attachments (Word, PDF, or a
// zip holding another package), each read here by the reader of its own format. Status
// packages carry no document, and a revoking package only names the document it takes back.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "file_type.hpp"
#include "reader.hpp"
#include "zip_archive.hpp"

namespace tracuu::intake {
namespace {

constexpr std::string_view kNamespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
// Packages inside packages (outer package, zip, inner package) as the samples nest them; a
// deeper chain is a loop or an attack, not an exchange.
constexpr int kMaxDepth = 3;
// Over one whole reading, nested packages included: what the largest real exchanges carry
// with room to spare, and a bound on the memory a crafted package can make us use.
constexpr size_t kMaxEncodedBytes = 256u << 20;
constexpr size_t kMaxInflatedBytes = 256u << 20;
constexpr size_t kMaxEntryBytes = 64u << 20;
constexpr std::string_view kEnvelopeTextWarning =
    "no attachment has text: the envelope's Subject and Content are read";

// ---------------------------------------------------------------------------------------------
// Namespaces. pugixml does not resolve them, and builders spell the same element `edXML:Subject`
// or `Subject` under a default namespace, even within one package (an unprefixed Attachment
// holding an `edXML:ContentTransferEncoded`), so an element is known by namespace + local name.

std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The namespace URI the element's prefix (or the default namespace) is bound to in its scope;
// "" when unbound.
std::string_view namespace_of(pugi::xml_node node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  std::string declaration =
      colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node at = node; at && at.type() == pugi::node_element; at = at.parent()) {
    if (pugi::xml_attribute a = at.attribute(declaration.c_str())) return a.value();
  }
  // Builders declare `edXML:` on the envelope and then use it outside it too (the samples'
  // `edXML:AttachmentEncoded` beside the envelope): the prefix is the standard's own.
  if (colon != std::string_view::npos && name.substr(0, colon) == "edXML") return kNamespace;
  return "";
}

bool is_edxml_element(pugi::xml_node node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node) == local &&
         namespace_of(node) == kNamespace;
}

pugi::xml_node child(pugi::xml_node parent, std::string_view local) {
  for (pugi::xml_node c : parent.children()) {
    if (is_edxml_element(c, local)) return c;
  }
  return {};
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c : parent.children()) {
    if (is_edxml_element(c, local)) out.push_back(c);
  }
  return out;
}

// The first such element under `root` in document order, at any depth: builders do not agree
// on how deep TraceHeaderList puts its Bussiness element.
pugi::xml_node descendant(pugi::xml_node root, std::string_view local) {
  return root.find_node([&](pugi::xml_node n) { return is_edxml_element(n, local); });
}

// The element's own text (text and CDATA children, comments skipped), whitespace runs made one
// space and trimmed: values are wrapped and indented by hand in real packages.
std::string text_of_element(pugi::xml_node node) {
  std::string out;
  bool pending_space = false;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
    for (const char* p = c.value(); *p; ++p) {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(*p);
    }
  }
  return out;
}

std::string field(pugi::xml_node parent, std::string_view local) {
  return text_of_element(child(parent, local));
}

// ---------------------------------------------------------------------------------------------
// Base64, as edXML builders write it: wrapped at any width with CR/LF, indented, padded or not.
// Decoded piece by piece so that a 200 MB attachment is never copied whole before decoding.
class Base64Decoder {
 public:
  // False at a character that is not base64 (a builder's unfilled template, "${...}").
  bool feed(std::string_view text) {
    out_.reserve(out_.size() + text.size() / 4 * 3 + 3);
    for (unsigned char c : text) {
      int8_t v = table()[c];
      if (v == kSpace) continue;
      if (v == kPad) {
        padded_ = true;
        continue;
      }
      if (v == kInvalid || padded_) return false;
      bits_ = (bits_ << 6) | static_cast<uint32_t>(v);
      if (++count_ == 4) {
        out_.push_back(static_cast<char>((bits_ >> 16) & 0xFF));
        out_.push_back(static_cast<char>((bits_ >> 8) & 0xFF));
        out_.push_back(static_cast<char>(bits_ & 0xFF));
        bits_ = 0;
        count_ = 0;
      }
    }
    return true;
  }
  // False when the text ends one character into a quantum, which no encoder writes.
  bool finish() {
    if (count_ == 1) return false;
    if (count_ == 2) out_.push_back(static_cast<char>((bits_ >> 4) & 0xFF));
    if (count_ == 3) {
      out_.push_back(static_cast<char>((bits_ >> 10) & 0xFF));
      out_.push_back(static_cast<char>((bits_ >> 2) & 0xFF));
    }
    count_ = 0;
    return true;
  }
  std::string take() { return std::move(out_); }

 private:
  static constexpr int8_t kInvalid = -1, kSpace = -2, kPad = -3;
  static const std::array<int8_t, 256>& table() {
    static const std::array<int8_t, 256> t = [] {
      std::array<int8_t, 256> a;
      a.fill(kInvalid);
      const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      for (int i = 0; i < 64; ++i)
        a[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
      a['-'] = 62;  // the URL-safe alphabet, which some Java encoders default to
      a['_'] = 63;
      for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) a[c] = kSpace;
      a['='] = kPad;
      return a;
    }();
    return t;
  }
  std::string out_;
  uint32_t bits_ = 0;
  int count_ = 0;
  bool padded_ = false;
};

// ---------------------------------------------------------------------------------------------
// The envelope.

int number_of(std::string_view digits) {
  int value = -1;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size() ? value : -1;
}

// "2019/04/11" (the standard's form; also "2019-4-11", and "11/04/2019" as Vietnamese write it)
// as ISO "2019-04-11"; "" for anything that is not a real day (builders' tests send 2014/02/30).
std::string iso_date(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/' || text[i] == '-' || text[i] == '.') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3) return "";
  if (parts[2].size() == 4 && parts[0].size() <= 2) std::swap(parts[0], parts[2]);
  if (parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 || parts[2].empty() ||
      parts[2].size() > 2) {
    return "";
  }
  int y = number_of(parts[0]), m = number_of(parts[1]), d = number_of(parts[2]);
  if (y < 1900 || m < 1 || d < 1) return "";
  std::chrono::year_month_day day{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return "";
  auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

// "7816" + "VPCP-TTĐT" as the document states its number, "7816/VPCP-TTĐT". A package whose
// CodeNumber is empty has no number yet (a notation alone is not one).
std::string document_number(pugi::xml_node code) {
  std::string number = field(code, "CodeNumber");
  std::string notation = field(code, "CodeNotation");
  while (!notation.empty() && notation.front() == '/') notation.erase(0, 1);
  if (number.empty()) return "";
  if (notation.empty() || number.find('/') != std::string::npos) return number;
  return number + "/" + notation;
}

// From/OrganName; one real builder wraps the organ in a second From.
std::string organ_name(pugi::xml_node from) {
  for (int level = 0; from && level < 3; ++level) {
    std::string name = field(from, "OrganName");
    if (!name.empty()) return name;
    from = child(from, "From");
  }
  return "";
}

DocumentEnvelope envelope_of(pugi::xml_node message, std::vector<std::string>& warnings) {
  DocumentEnvelope e;
  e.type = field(child(message, "DocumentType"), "TypeName");
  e.number = document_number(child(message, "Code"));
  e.title = field(message, "Subject");
  e.issuer = organ_name(child(message, "From"));
  std::string date = field(child(message, "PromulgationInfo"), "PromulgationDate");
  e.date = iso_date(date);
  if (e.date.empty() && !date.empty()) {
    warnings.push_back("PromulgationDate \"" + date + "\" is not a date: left out");
  }
  e.signer = field(child(message, "SignerInfo"), "FullName");
  return e;
}

bool envelope_is_empty(const DocumentEnvelope& e) {
  return e.type.empty() && e.number.empty() && e.title.empty() && e.issuer.empty() &&
         e.date.empty() && e.signer.empty();
}

// A field the outer envelope leaves empty is taken from a package it carries.
void fill_gaps(DocumentEnvelope& e, const DocumentEnvelope& inner) {
  for (auto member :
       {&DocumentEnvelope::type, &DocumentEnvelope::number, &DocumentEnvelope::title,
        &DocumentEnvelope::issuer, &DocumentEnvelope::date, &DocumentEnvelope::signer}) {
    if ((e.*member).empty()) e.*member = inner.*member;
  }
}

// A status package answers for another package (received, being handled, done) and holds no
// document of its own: no number, no subject, no attachment.
bool is_status_package(pugi::xml_node root, pugi::xml_node message) {
  bool answers = child(message, "StatusCode") || child(message, "ResponseFor");
  bool document = !field(child(message, "Code"), "CodeNumber").empty() ||
                  !field(message, "Subject").empty() || descendant(root, "Attachment");
  return answers && !document;
}

// What the exchange does with the document (TraceHeaderList's Bussiness).
enum class Business { kNew = 0, kRevoke = 1, kUpdate = 2, kReplace = 3 };

struct BusinessInfo {
  Business kind = Business::kNew;
  std::string document_id;  // the document revoked or replaced, when the package says
};

BusinessInfo business_of(pugi::xml_node header, std::vector<std::string>& warnings) {
  BusinessInfo info;
  pugi::xml_node business = descendant(child(header, "TraceHeaderList"), "Bussiness");
  if (!business) return info;
  info.document_id = field(business, "DocumentId");
  std::string type = field(business, "BussinessDocType");
  int code = number_of(type);
  if (code >= 0 && code <= 3) {
    info.kind = static_cast<Business>(code);
  } else if (!type.empty()) {
    warnings.push_back("BussinessDocType \"" + type + "\" unknown: read as a new document");
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// One reading's state across nested packages, which reach this reader again through
// read_file_bytes: how deep it is, and what it has decoded and inflated so far.
struct Reading {
  int depth = 0;
  size_t encoded = 0;
  size_t inflated = 0;
};
thread_local Reading reading;

// Enters one package; the outermost one starts the reading's budgets afresh.
class Nesting {
 public:
  Nesting() {
    if (reading.depth == 0) reading = Reading{};
    ++reading.depth;
  }
  ~Nesting() { --reading.depth; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;
  bool too_deep() const { return reading.depth > kMaxDepth; }
};

// ---------------------------------------------------------------------------------------------
// Attachments.

struct Attachment {
  std::string name;        // AttachmentName, which gives the reader its extension
  pugi::xml_node encoded;  // ContentTransferEncoded
};

std::string attachment_name(pugi::xml_node a, size_t index) {
  for (std::string_view local : {"AttachmentName", "Description", "ContentId"}) {
    std::string name = field(a, local);
    if (!name.empty()) return name;
  }
  return "attachment " + std::to_string(index + 1);
}

// Every AttachmentEncoded/Attachment in document order: outside the envelope as the standard
// puts them, and wherever else a builder did.
std::vector<Attachment> attachments_of(pugi::xml_node root) {
  std::vector<Attachment> out;
  std::vector<pugi::xml_node> holders;
  root.find_node([&](pugi::xml_node n) {
    if (is_edxml_element(n, "AttachmentEncoded")) holders.push_back(n);
    return false;
  });
  for (pugi::xml_node holder : holders) {
    for (pugi::xml_node a : children(holder, "Attachment")) {
      out.push_back({attachment_name(a, out.size()), child(a, "ContentTransferEncoded")});
    }
  }
  return out;
}

// The text the attachments give, as one document: blocks in order, pages counted on.
struct PackageText {
  std::vector<TextBlock> blocks;
  int pages = 0;
  std::vector<int> ocr_pages;
  std::vector<std::string> warnings;
  bool has_text = false;
  std::optional<DocumentEnvelope> inner_envelope;  // of the first package carried inside
};

// A package carried inside that found no text either stands in with its envelope's words;
// the outer envelope's words say more about the document the exchange is for.
bool is_envelope_text_only(const ReadFile& file) {
  return file.format == "edxml" && std::find(file.warnings.begin(), file.warnings.end(),
                                             kEnvelopeTextWarning) != file.warnings.end();
}

void append_read(PackageText& text, ReadFile file, const std::string& label) {
  if (!text_of(file).empty() && !is_envelope_text_only(file)) text.has_text = true;
  for (TextBlock& b : file.blocks) {
    if (b.page > 0) b.page += text.pages;
    text.blocks.push_back(std::move(b));
  }
  for (int p : file.ocr_pages) text.ocr_pages.push_back(p + text.pages);
  text.pages += file.pages;
  for (const std::string& w : file.warnings) text.warnings.push_back(label + ": " + w);
  if (file.format == "edxml" && !text.inner_envelope) text.inner_envelope = file.envelope;
}

// One file carried by the package, read by the reader of its own format.
void read_document(PackageText& text, std::string_view bytes, std::string_view name,
                   const std::string& label, const ReadOptions& options) {
  Result<ReadFile> read = read_file_bytes(bytes, name, options);
  if (!read.is_ok()) {
    text.warnings.push_back(label + ": " + read.status().message());
  } else if (!read->skip_reason.empty()) {
    text.warnings.push_back(label + " not read: " + read->skip_reason);
  } else {
    append_read(text, std::move(read.value()), label);
  }
}

// A .docx or .odt is a zip too, and is read whole by its reader, not entry by entry.
bool is_office_zip(const ZipArchive& archive) {
  return archive.contains("word/document.xml") || archive.contains("content.xml") ||
         archive.contains("[Content_Types].xml");
}

// A zip attachment (the samples send "…doc" files that are zips holding another package):
// each entry read as a file of its own.
void read_zip(PackageText& text, std::string_view bytes, std::string_view name,
              const std::string& label, const ReadOptions& options) {
  Result<std::unique_ptr<ZipArchive>> archive = ZipArchive::open(bytes);
  if (!archive.is_ok()) {
    text.warnings.push_back(label + ": " + archive.status().message());
    return;
  }
  if (is_office_zip(*archive.value())) return read_document(text, bytes, name, label, options);
  for (const std::string& entry : archive.value()->names()) {
    if (entry.empty() || entry.back() == '/') continue;
    std::string entry_label = label + "/" + entry;
    size_t room = kMaxInflatedBytes - std::min(reading.inflated, kMaxInflatedBytes);
    Result<std::string> content = archive.value()->read(entry, std::min(room, kMaxEntryBytes));
    if (!content.is_ok()) {
      text.warnings.push_back(entry_label + ": " + content.status().message());
      continue;
    }
    reading.inflated += content->size();
    read_document(text, content.value(), entry, entry_label, options);
  }
}

// The attachment's bytes, or nullopt with the reason in the warnings.
std::optional<std::string> decode_attachment(PackageText& text, const Attachment& a) {
  size_t encoded = 0;
  Base64Decoder decoder;
  for (pugi::xml_node c : a.encoded.children()) {
    if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
    std::string_view piece = c.value();
    encoded += piece.size();
    if (reading.encoded + encoded > kMaxEncodedBytes) {
      text.warnings.push_back(a.name + " not read: the package's attachments exceed " +
                              std::to_string(kMaxEncodedBytes >> 20) + " MB of base64");
      return std::nullopt;
    }
    if (!decoder.feed(piece)) {
      text.warnings.push_back(a.name + " not read: its content is not base64");
      return std::nullopt;
    }
  }
  reading.encoded += encoded;
  if (!decoder.finish()) {
    text.warnings.push_back(a.name + " not read: its base64 content is cut short");
    return std::nullopt;
  }
  std::string bytes = decoder.take();
  if (bytes.empty()) {
    text.warnings.push_back(a.name + " not read: it is empty");
    return std::nullopt;
  }
  return bytes;
}

void read_attachment(PackageText& text, const Attachment& a, const ReadOptions& options) {
  std::optional<std::string> bytes = decode_attachment(text, a);
  if (!bytes) return;
  if (content_type(*bytes) == "application/zip") {
    read_zip(text, *bytes, a.name, a.name, options);
  } else {
    read_document(text, *bytes, a.name, a.name, options);
  }
}

// One attachment that throws (a reader's bug, memory) costs that attachment, not the package.
void read_attachment_safely(PackageText& text, const Attachment& a, const ReadOptions& options) {
  try {
    read_attachment(text, a, options);
  } catch (const std::bad_alloc&) {
    text.warnings.push_back(a.name + " not read: it needed more memory than allowed");
  } catch (const std::exception& e) {
    text.warnings.push_back(a.name + " not read: " + e.what());
  }
}

PackageText read_attachments(pugi::xml_node root, const ReadOptions& options) {
  PackageText text;
  for (const Attachment& a : attachments_of(root)) {
    if (!a.encoded) {
      text.warnings.push_back(a.name + " not read: it has no ContentTransferEncoded");
      continue;
    }
    read_attachment_safely(text, a, options);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The package.

ReadFile not_edxml() {
  ReadFile file;
  file.skip_reason = "XML file that is not an edXML package";
  return file;
}

// Cheap refusal of the many XML files that are not packages, before building their tree. A
// UTF-16 file hides the namespace from a byte search, so it is parsed to be sure.
bool may_be_edxml(std::string_view bytes) {
  bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                     (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  return utf16 || bytes.find(kNamespace) != std::string_view::npos;
}

// When no attachment gave text, the envelope's own words are the document's text.
void add_envelope_text(ReadFile& file, pugi::xml_node message) {
  std::string subject = field(message, "Subject");
  std::string content = field(message, "Content");
  if (!subject.empty()) file.blocks.push_back({TextBlock::Kind::kParagraph, subject});
  if (!content.empty() && content != subject) {
    file.blocks.push_back({TextBlock::Kind::kParagraph, content});
  }
  if (!file.blocks.empty()) {
    file.warnings.emplace_back(kEnvelopeTextWarning);
  }
}

void take_attachments_text(ReadFile& file, PackageText text, pugi::xml_node message) {
  file.blocks = std::move(text.blocks);
  file.pages = text.pages;
  file.ocr_pages = std::move(text.ocr_pages);
  for (std::string& w : text.warnings) file.warnings.push_back(std::move(w));
  if (!text.has_text) {
    // A carried package's own envelope words stand in only when this envelope has none.
    std::vector<TextBlock> carried = std::move(file.blocks);
    file.blocks.clear();
    add_envelope_text(file, message);
    if (file.blocks.empty()) file.blocks = std::move(carried);
  }
  if (text.inner_envelope) fill_gaps(file.envelope, *text.inner_envelope);
  if (file.blocks.empty() && envelope_is_empty(file.envelope)) {
    file.skip_reason = "edXML package with no document: no envelope facts and no text";
  }
}

// ---------------------------------------------------------------------------------------------
// Packages written by hand or by a builder's template leave an element open (a real sample
// opens From twice and closes it once), which no XML parser forgives. Closing what is open
// where the parser stopped recovers the package; anything else damaged stays damaged.

// The index of the '>' that ends the markup starting at `lt`, quotes skipped; npos if none.
size_t markup_end(std::string_view xml, size_t lt) {
  char quote = 0;
  for (size_t i = lt + 1; i < xml.size(); ++i) {
    if (quote) {
      if (xml[i] == quote) quote = 0;
    } else if (xml[i] == '"' || xml[i] == '\'') {
      quote = xml[i];
    } else if (xml[i] == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string_view tag_name(std::string_view xml, size_t start) {
  size_t end = xml.find_first_of(" \t\r\n/>", start);
  return xml.substr(start, (end == std::string_view::npos ? xml.size() : end) - start);
}

struct OpenTag {
  std::string_view name;
  size_t at;                  // its '<'
  size_t end;                 // one past its '>'
  bool holds_itself = false;  // a child of the same name was opened and closed inside it
};

// The elements open before `end`, outermost first. The bytes before `end` parsed well, so a
// scan of their tags suffices (comments, CDATA, declarations and instructions passed over).
std::vector<OpenTag> open_elements(std::string_view xml, size_t end) {
  std::vector<OpenTag> stack;
  for (size_t i = xml.find('<'); i < end; i = xml.find('<', i)) {
    std::string_view rest = xml.substr(i);
    size_t next;
    if (rest.starts_with("<!--")) {
      next = xml.find("-->", i);
    } else if (rest.starts_with("<![CDATA[")) {
      next = xml.find("]]>", i);
    } else {
      next = markup_end(xml, i);
      if (next != std::string_view::npos && rest.size() > 1 && rest[1] != '?' && rest[1] != '!') {
        if (rest[1] == '/') {
          if (!stack.empty()) {
            std::string_view closed = stack.back().name;
            stack.pop_back();
            if (!stack.empty() && stack.back().name == closed) stack.back().holds_itself = true;
          }
        } else if (xml[next - 1] != '/') {
          stack.push_back({tag_name(xml, i + 1), i, next + 1});
        }
      }
    }
    if (next == std::string_view::npos) break;
    i = next + 1;
  }
  return stack;
}

// The bytes with the elements left open before the mismatched end tag near `offset` mended: an
// element opened twice in a row (`<From><From>…</From>`) loses its first start tag, any other is
// closed where the parser stopped, and an end tag that closes nothing open is dropped. nullopt
// when the mismatch is not of that kind.
std::optional<std::string> close_open_elements(std::string_view xml, size_t offset) {
  size_t lt = xml.rfind("</", offset);
  if (lt == std::string_view::npos || offset > lt + 2) return std::nullopt;
  size_t gt = markup_end(xml, lt);
  if (gt == std::string_view::npos) return std::nullopt;
  std::string_view name = tag_name(xml, lt + 2);
  std::vector<OpenTag> open = open_elements(xml, lt);
  size_t match = open.size();
  while (match > 0 && open[match - 1].name != name) --match;
  if (match == 0) return std::string(xml.substr(0, lt)).append(xml.substr(gt + 1));
  --match;  // open[match] is the element this end tag closes; those above it were left open
  size_t last = open.size() - 1;
  if (last == match + 1 && open[last].holds_itself) {
    return std::string(xml.substr(0, open[last].at)).append(xml.substr(open[last].end));
  }
  std::string fixed(xml.substr(0, lt));
  for (size_t i = last; i > match; --i) fixed.append("</").append(open[i].name).append(">");
  return fixed.append(xml.substr(lt));
}

// Parses the package, repairing a few elements left open; the repair is said in `warnings`.
Status parse_package(pugi::xml_document& doc, std::string_view bytes,
                     std::vector<std::string>& warnings) {
  constexpr int kMaxRepairs = 8;
  std::string repaired;
  pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size());
  for (int repair = 0;
       !parsed && parsed.status == pugi::status_end_element_mismatch && repair < kMaxRepairs;
       ++repair) {
    std::optional<std::string> fixed =
        close_open_elements(bytes, static_cast<size_t>(parsed.offset));
    if (!fixed) break;
    repaired = std::move(*fixed);
    bytes = repaired;
    parsed = doc.load_buffer(bytes.data(), bytes.size());
    if (parsed) warnings.emplace_back("the package's XML left elements open: read as repaired");
  }
  if (parsed) return Status::ok();
  return Status::invalid_argument(std::string("damaged edXML package: ") + parsed.description() +
                                  " at byte " + std::to_string(parsed.offset));
}

Result<ReadFile> read_package(std::string_view bytes, const ReadOptions& options) {
  if (!may_be_edxml(bytes)) return not_edxml();
  ReadFile file;
  file.format = "edxml";
  pugi::xml_document doc;
  if (Status parsed = parse_package(doc, bytes, file.warnings); !parsed.is_ok()) return parsed;
  pugi::xml_node root = doc.document_element();
  if (!is_edxml_element(root, "edXML")) return not_edxml();
  pugi::xml_node header = child(child(root, "edXMLEnvelope"), "edXMLHeader");
  pugi::xml_node message = child(header, "MessageHeader");
  if (is_status_package(root, message)) {
    file.skip_reason = "edXML status package: carries no document";
    return file;
  }
  file.envelope = envelope_of(message, file.warnings);
  file.exchange_id = field(message, "DocumentId");
  BusinessInfo business = business_of(header, file.warnings);
  std::string target = business.document_id.empty() ? file.exchange_id : business.document_id;
  if (business.kind == Business::kRevoke) {
    file.revokes = target;  // the document is taken back: nothing of it is read
    if (target.empty()) file.warnings.emplace_back("a revocation that names no DocumentId");
    return file;
  }
  if (business.kind == Business::kUpdate || business.kind == Business::kReplace) {
    file.replaces = target;
  }
  take_attachments_text(file, read_attachments(root, options), message);
  return file;
}

class EdxmlReader : public Reader {
 public:
  std::string_view format() const override { return "edxml"; }
  bool accepts(std::string_view mime, std::string_view extension) const override {
    // libmagic says only "text/xml" of a package. A .txt is read as text whatever it holds.
    // An XHTML page is "text/xml" to libmagic too: its name says it is a page.
    if (extension == ".txt" || extension == ".html" || extension == ".htm" ||
        extension == ".xhtml") {
      return false;
    }
    bool xml = mime == "text/xml" || mime == "application/xml";
    return xml || (extension == ".edxml" && mime.substr(0, 5) == "text/");
  }
  Result<ReadFile> read(std::string_view bytes, const ReadOptions& options) const override {
    Nesting nesting;
    if (nesting.too_deep()) {
      return Status::invalid_argument("edXML packages nested more than " +
                                      std::to_string(kMaxDepth) + " deep: not read");
    }
    try {
      return read_package(bytes, options);
    } catch (const std::bad_alloc&) {
      return Status::invalid_argument("reading the edXML package needed more memory than allowed");
    } catch (const std::exception& e) {
      return Status::invalid_argument(std::string("cannot read the edXML package: ") + e.what());
    } catch (...) {
      return Status::invalid_argument("cannot read the edXML package");
    }
  }
};

}  // namespace

std::unique_ptr<Reader> make_edxml_reader() { return std::make_unique<EdxmlReader>(); }

}  // namespace tracuu::intake
