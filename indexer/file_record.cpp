#include "file_record.hpp"

#include <sys/stat.h>
#include <xxhash.h>

#include <charconv>
#include <cstdio>

namespace tracuu {

std::string content_hash(std::string_view bytes) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH64(bytes.data(), bytes.size(), 0)));
  return buf;
}

std::optional<FileStat> stat_file(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileStat{static_cast<uint64_t>(st.st_size),
                  static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

namespace {

// "<size> <mtime ns>", exactly; nullopt for anything else.
std::optional<FileStat> parse_stat(std::string_view text) {
  FileStat stat;
  const char* end = text.data() + text.size();
  auto [after_size, e1] = std::from_chars(text.data(), end, stat.size);
  if (e1 != std::errc() || after_size == end || *after_size != ' ') return std::nullopt;
  auto [after_time, e2] = std::from_chars(after_size + 1, end, stat.mtime_ns);
  if (e2 != std::errc() || after_time != end) return std::nullopt;
  return stat;
}

}  // namespace

FileRecord FileRecord::parse(std::string_view record) {
  FileRecord r;
  size_t tab = record.find('\t');
  if (tab == std::string_view::npos) return r;
  r.hash = std::string(record.substr(0, tab));
  std::string_view rest = record.substr(tab + 1);
  // Paths are absolute: a rest starting with '/' is an older record's path.
  size_t next = rest.find('\t');
  if (!rest.empty() && rest[0] != '/' && next != std::string_view::npos) {
    r.stat = parse_stat(rest.substr(0, next));
    if (r.stat) rest = rest.substr(next + 1);
  }
  r.path = std::string(rest);
  return r;
}

std::string FileRecord::format() const {
  std::string out = hash + "\t";
  if (stat) out += std::to_string(stat->size) + " " + std::to_string(stat->mtime_ns) + "\t";
  return out + path;
}

}  // namespace tracuu
