// A document as tracuu indexes it: one part of a source file, with its metadata and text.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "tracuu/metadata.hpp"
#include "tracuu/status.hpp"

namespace tracuu {

struct SourceRef {
  std::string path;  // as the indexer was given it, made absolute
  int part = 1;      // 1-based part of a bundle
  int parts = 1;
};

struct Document {
  std::string id;  // stable: file key + "-" + part ("a1b2c3d4e5f6-2")
  SourceRef source;
  DocumentMetadata meta;
  std::string text;      // the part's text, NFC, as users read it
  std::string encoding;  // what the file was decoded from
};

// Stable key of a source file, from its absolute path: 12 hex digits of its xxh64.
std::string file_key(const std::string& absolute_path);

// Reads a file and returns its documents (a bundle gives several). Fails as read_source does.
Result<std::vector<Document>> load_documents(const std::filesystem::path& file);

// Same, from text already decoded (tests, --show of crafted input).
std::vector<Document> documents_from_text(const std::string& path, const std::string& text,
                                          const std::string& encoding = "utf-8");

}  // namespace tracuu
