// Which errors a read of the index can meet, and what each means: a revision lost to a commit
// (retry on the newest), a block read as damaged (retry once on a newer revision, else report
// damage), or something that is not Xapian's. Searcher::on_latest applies them.
#pragma once

#include <xapian.h>

#include <exception>
#include <filesystem>

#include "tracuu/status.hpp"

namespace tracuu {

// A reader on glass can lose its revision when two commits land during one request; each retry
// starts on the newest, so only a writer committing continuously could exhaust these.
inline constexpr int kMaxReopens = 10;

// Whether `e` can come of a writer reusing blocks of the revision being read (see the .cpp).
bool lost_revision(const Xapian::Error& e);
// Whether `e` says a block read as damaged: a block reused under the reader, or really damaged.
// Only a newer revision can tell which, so one is retried once, and only on a newer revision.
bool read_as_damaged(const Xapian::Error& e);
// The status of an index read as damaged on its newest revision.
Status damaged(const std::filesystem::path& db, const Xapian::Error& e);
// What escaped the engine that is not Xapian's, as a status.
Status unexpected(const std::exception& e);
// Whether a newer revision than the one `db` was reading has been committed.
bool revision_moved_on(Xapian::Database& db);

}  // namespace tracuu
