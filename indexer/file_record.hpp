// Internal: what the database remembers of each source file it indexed, so a rerun knows which
// files changed without reading them all again.
//
// The record (database metadata schema::kFileRecord + file key) holds the content hash, the size
// and modification time the file had when it was read, and its path:
//   "<xxh64 hex>\t<size> <mtime ns>\t<path>"
// A file with the same size and modification time is taken as unchanged without being read,
// as git and rsync do; any other file is read and hashed, and only a new hash reindexes it.
// Records written before the size and time were kept ("<hash>\t<path>") still parse: their
// files are read and hashed once, and the record gains its stat.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

// A file's size and modification time, as stat(2) tells them.
struct FileStat {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStat&) const = default;
};

// The content hash a record keeps: 16 hex digits of the bytes' xxh64.
std::string content_hash(std::string_view bytes);

// nullopt when the file cannot be stat'ed (vanished, unreadable).
std::optional<FileStat> stat_file(const std::string& path);

struct FileRecord {
  std::string hash;
  std::optional<FileStat> stat;  // absent in records of older versions
  std::string path;

  // An empty or unreadable record gives a record with an empty hash (the file is read again).
  static FileRecord parse(std::string_view record);
  std::string format() const;
};

}  // namespace tracuu
