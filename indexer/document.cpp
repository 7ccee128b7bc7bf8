#include "tracuu/document.hpp"

#include <xxhash.h>

#include <cstdio>

#include "extraction.hpp"
#include "tracuu/bundle.hpp"
#include "tracuu/source_text.hpp"

namespace tracuu {

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
    d.source = SourceRef{path, static_cast<int>(i + 1), static_cast<int>(parts.size())};
    d.id = key + "-" + std::to_string(i + 1);
    d.text = std::string(parts[i].text);
    d.meta = extract_metadata_from_lines(parts[i].lines, context);
    if (context.province.empty()) context.province = d.meta.province;
    d.encoding = encoding;
    docs.push_back(std::move(d));
  }
  return docs;
}

Result<std::vector<Document>> load_documents(const std::filesystem::path& file) {
  Result<SourceText> source = read_source(file);
  if (!source.is_ok()) return source.status();
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(file, ec).lexically_normal();
  return documents_from_text(absolute.string(), source->text, source->encoding);
}

}  // namespace tracuu
