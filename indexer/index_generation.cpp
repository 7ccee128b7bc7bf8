#include "tracuu/index_generation.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace tracuu {
namespace fs = std::filesystem;

namespace {

// `db` without a trailing separator, so that its name is its last component.
fs::path clean(const fs::path& db) {
  fs::path p = db.lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}

// Generations of `db` are its siblings named "<name>.gen-<id>".
std::string generation_prefix(const fs::path& db) { return db.filename().string() + ".gen-"; }

fs::path parent_of(const fs::path& db) {
  fs::path parent = fs::absolute(db).lexically_normal().parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// A name no other generation of `db` has: the clock in nanoseconds, bumped past any taken.
fs::path unused_generation(const fs::path& db) {
  auto id = std::chrono::system_clock::now().time_since_epoch().count();
  for (;; ++id) {
    fs::path candidate = parent_of(db) / (generation_prefix(db) + std::to_string(id));
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate;
  }
}

// fsync of a directory, so that a rename in it survives a power cut.
Status sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Status::unavailable("cannot sync " + dir.string() + " to disk: " + why);
  }
  ::close(fd);
  return Status::ok();
}

// Every generation of `db` but `keep`. A reader still on one keeps its open files until it
// follows the link again.
void remove_other_generations(const fs::path& db, const fs::path& keep) {
  const std::string prefix = generation_prefix(db);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_of(db), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name != keep.filename().string()) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace

fs::path current_generation(const fs::path& configured) {
  const fs::path db = clean(configured);
  std::error_code ec;
  if (!fs::is_symlink(db, ec)) return db;
  fs::path target = fs::read_symlink(db, ec);
  if (ec) return db;
  return target.is_absolute() ? target : db.parent_path() / target;
}

Result<fs::path> make_generation(const fs::path& db) {
  fs::path generation = unused_generation(clean(db));
  std::error_code ec;
  fs::create_directories(generation, ec);
  if (ec) return Status::unavailable("cannot create " + generation.string() + ": " + ec.message());
  return generation;
}

Status switch_generation(const fs::path& configured, const fs::path& generation) {
  const fs::path db = clean(configured);
  const fs::path link = parent_of(db) / (db.filename().string() + ".link-tmp");
  std::error_code ec;
  fs::remove(link, ec);
  fs::create_directory_symlink(generation.filename(), link, ec);
  if (ec) return Status::unavailable("cannot create " + link.string() + ": " + ec.message());
  // A plain directory from before generations cannot be renamed over: it becomes a generation
  // itself first, removed with the others.
  if (fs::is_directory(fs::symlink_status(db, ec))) {
    fs::rename(db, unused_generation(db), ec);
    if (ec) return Status::unavailable("cannot move " + db.string() + " aside: " + ec.message());
  }
  if (::rename(link.c_str(), db.c_str()) != 0) {
    return Status::unavailable("cannot switch " + db.string() + " to " + generation.string() +
                               ": " + std::strerror(errno));
  }
  if (Status synced = sync_directory(parent_of(db)); !synced.is_ok()) return synced;
  remove_other_generations(db, generation);
  return Status::ok();
}

}  // namespace tracuu
