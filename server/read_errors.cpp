#include "read_errors.hpp"

#include <new>
#include <string>
#include <string_view>

namespace tracuu {

// Whether `e` can come of a writer reusing blocks of the revision being read. Glass checks a
// block's revision when it reads it, and says DatabaseModifiedError; but a block rewritten while
// it was being copied passes that check with the rest of it new, and the read then fails in
// whatever way the new bytes make it: DatabaseCorruptError ("Expected block 11 to be level 1,
// not 0", seen while opening during a reindex), DocNotFoundError for a document the match has
// just returned (every docid the searcher looks up comes from the same revision's postings), or
// a plain DatabaseError ("EOF reading block 858796846"); each seen in a test that commits every
// 20 documents while three clients search (HttpApiTest.ReindexWhileQueryingLosesNoRequest). The
// newest revision then reads cleanly (read_as_damaged); a database really damaged reads so on
// the newest revision too, and is reported then. A generation a rebuild removed between
// following the link and opening it (DatabaseOpeningError) is lost the same way: the next
// attempt follows the link again.
bool lost_revision(const Xapian::Error& e) {
  const std::string_view type = e.get_type();  // Xapian::Error has no virtual functions to cast
  return type == "DatabaseModifiedError" || type == "DatabaseCorruptError" ||
         type == "DocNotFoundError" || type == "DatabaseError" || type == "DatabaseOpeningError";
}

bool read_as_damaged(const Xapian::Error& e) {
  const std::string_view type = e.get_type();
  return type == "DatabaseCorruptError" || type == "DocNotFoundError" || type == "DatabaseError";
}

Status damaged(const std::filesystem::path& db, const Xapian::Error& e) {
  return Status::unavailable("the index " + db.string() + " is damaged (" + e.get_description() +
                             "): rebuild it with tracuu-index --rebuild");
}

// What escaped the engine that is not Xapian's: memory ran out, or this request met a case
// the code did not foresee (an index or a stored value out of range). The request gets an
// answer saying so, as a request error, and the server goes on.
Status unexpected(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e)) return Status::unavailable("out of memory");
  return Status::invalid_argument(std::string("cannot answer this request: ") + e.what());
}

bool revision_moved_on(Xapian::Database& db) {
  try {
    return db.reopen();
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace tracuu
