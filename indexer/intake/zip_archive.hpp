// Internal: a zip archive read from memory (libzip), for the formats that are zips (.docx,
// .odt) and for zip attachments of edXML packages. Entries are read whole, with a bound on
// their inflated size, so a zip bomb is refused rather than inflated.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/status.hpp"

struct zip;
struct zip_source;

namespace tracuu::intake {

class ZipArchive {
 public:
  // Opens the archive in `bytes`, which must outlive it. kInvalidArgument for a damaged zip,
  // "encrypted document" for one whose entries are encrypted.
  static Result<std::unique_ptr<ZipArchive>> open(std::string_view bytes);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Entry names, in the archive's order.
  std::vector<std::string> names() const;
  bool contains(const std::string& name) const;
  // The inflated bytes of `name`; kNotFound when absent, kInvalidArgument when damaged,
  // encrypted, or larger than `max_bytes` inflated.
  Result<std::string> read(const std::string& name, size_t max_bytes = 64u << 20) const;

 private:
  explicit ZipArchive(::zip* archive) : archive_(archive) {}
  ::zip* archive_;
};

}  // namespace tracuu::intake
