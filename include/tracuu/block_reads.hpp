// How the searchers of this process read the blocks of their indexes: through memory maps of
// the index's files, where Xapian would make a system call per block.
//
// Glass, Xapian 1.4's backend, has no block cache of its own: every block a search touches is a
// pread() of 8 KB from the kernel's page cache. A first sight makes 400 to 1,100 of them, and
// on this project's virtual machines a system call costs several microseconds, about a quarter
// of a search's CPU (docs/PERFORMANCE.md). Xapian offers no hook for its reads, so this file
// provides pread() itself: the executable's definition comes before the C library's when
// libxapian's calls are bound. A read of a covered index file (a `*.glass` table opened
// read-only under a directory passed to map_index_reads) is a copy out of a shared mapping of
// that file, which shares the page cache with the writer's pwrite() and so sees every commit
// exactly as pread() would; any other read is the system call, untouched.
//
// A file is mapped once, for every descriptor open on it (Xapian reopens its tables at each new
// revision), and unmapped once no descriptor has read it for ten seconds.
//
// What pread() would have answered stays the answer when the file changes under the mapping:
// a read past the mapped length looks at the file's size again (a reindex grows the tables) and
// maps it anew, and a file cut short (an index rebuilt in place) faults the copy, which is caught
// (SIGBUS, only at the copy's own source addresses) and redone by the system call, so the
// searcher sees the short read and reopens as it always has. Only whole pages of files on a
// local filesystem are mapped: past a file's end a mapping faults on whole pages only, and over
// NFS or FUSE a mapping may serve what pread() would revalidate. close(), dup2(), dup3(),
// close_range() and closefrom() are provided too, to forget a descriptor's mapping before its
// number can name another file. A thread unblocks SIGBUS before its first mapped read: a fault
// while it is blocked would kill the process.
#pragma once

#include <filesystem>

namespace tracuu {

enum class BlockReads {
  kMapped,       // covered index files are read through memory maps (the default)
  kSystemCalls,  // every read is the system call, as Xapian does on its own
};

// Process-wide; applies to files opened afterwards. For measuring one against the other.
void set_block_reads(BlockReads how);
BlockReads block_reads();

// Reads of the tables of the index in `db` (a directory) are served from memory maps from
// now on, when block_reads() is kMapped. Searcher::open calls it; calling it again is harmless.
void map_index_reads(const std::filesystem::path& db);

// Reads in this process: served from a mapping, sent to the system, and, among the latter,
// those whose copy faulted because the file had been cut short under its mapping; and the
// mappings made (one per file, and again when it grows or shrinks).
struct BlockReadCounts {
  unsigned long long mapped = 0;
  unsigned long long system_calls = 0;
  unsigned long long cut_short = 0;
  unsigned long long mappings = 0;
};
BlockReadCounts block_read_counts();

}  // namespace tracuu
