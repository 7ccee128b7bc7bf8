// Where the index named by a --db path is today. A rebuild writes a new generation directory
// next to the path and then makes the path a symbolic link to it (replaced with rename(2), so a
// reader finds either the old generation or the new one, never a mix); the old generations are
// then removed. Readers follow the link on every call, so a rebuilt index is never answered
// from the old one even when both have reached the same revision number. A plain glass
// directory at the path, from before generations, is read and added to in place until the
// first rebuild replaces it.
#pragma once

#include <filesystem>

#include "tracuu/status.hpp"

namespace tracuu {

// The directory holding the index `db` names now: the link's target, or `db` itself.
std::filesystem::path current_generation(const std::filesystem::path& db);

// A new, empty directory for the next generation of `db`, next to it.
Result<std::filesystem::path> make_generation(const std::filesystem::path& db);

// Makes `db` name `generation` (made by make_generation), atomically for readers, durably, and
// then removes every other generation of `db`.
Status switch_generation(const std::filesystem::path& db, const std::filesystem::path& generation);

}  // namespace tracuu
