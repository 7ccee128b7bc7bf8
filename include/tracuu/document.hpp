// A document as tracuu indexes it: one part of a source file, with its metadata and text.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tracuu/intake.hpp"
#include "tracuu/metadata.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

struct SourceRef {
  std::string path;  // shown_path(): below the indexed folder, led by its name
  int part = 1;      // 1-based part of a bundle
  int parts = 1;
  std::string format = "txt";  // what the file was: "docx", "pdf", "edxml"… (intake.hpp)
  int pages = 0;               // pages of a paged format, 0 otherwise
  std::vector<int> ocr_pages;  // 1-based pages read by OCR
};

struct Document {
  std::string id;  // stable: file key + "-" + part ("a1b2c3d4e5f6-2")
  SourceRef source;
  DocumentMetadata meta;
  std::string text;      // the part's text, NFC, as users read it
  std::string encoding;  // what the file was decoded from
  // The edXML DocumentId this document was exchanged under, when it came in a package: a later
  // package revokes or replaces it by this id.
  std::string exchange_id;
};

// How a file is named in the index and the API: its path below the folder it was indexed from,
// led by that folder's name ("2025/Tờ trình 156 SNV/du thao.docx"; a file given alone is led by
// its own folder's name). Documents' ids come from it, so they, and the paths users see, stay
// the same when the archive moves, and no hit shows the server's disk.
std::string shown_path(const std::filesystem::path& folder, const std::filesystem::path& file);

// Stable key of a source file, from its shown path: 12 hex digits of its xxh64.
std::string file_key(const std::string& shown_path);

// Reads a file and returns its documents (a bundle gives several). Fails as read_source does.
Result<std::vector<Document>> load_documents(const std::filesystem::path& file);

// Same, from text already decoded (tests, --show of crafted input).
std::vector<Document> documents_from_text(const std::string& path, const std::string& text,
                                          const std::string& encoding = "utf-8");

// The documents of a file a reader has read (intake.hpp): its text decoded as a text file's is
// (legacy encodings, NFC, debris), split and extracted; the facts of a container's envelope
// win over the text's, and a number or date that only OCR read is marked less certain. Fails as
// decode_source does (an empty text is "no text in the file").
struct FileDocuments {
  std::vector<Document> documents;
  std::string encoding;  // what the text was decoded from
};
Result<FileDocuments> documents_from_read_file(const std::string& path, const ReadFile& file);

}  // namespace tracuu
