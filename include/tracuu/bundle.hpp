// Bundles: one file holding several documents, e.g. a cover letter ("Công văn") followed by the
// plans it forwards. Each document becomes its own search hit.
#pragma once

#include <string_view>
#include <vector>

namespace tracuu {

// Cuts `text` into its documents, in order; a file with one document gives one part. A new
// document starts where, after the previous one has ended (its "Nơi nhận" recipients list or
// its signature), a new header (national or party motto) or type heading ("KẾ HOẠCH") begins.
// Appendices and forms ("PHỤ LỤC", "kèm theo", "Mẫu") belong to the document before them even
// when they repeat the motto. The parts are slices of `text` and cover all of it.
std::vector<std::string_view> split_bundle(std::string_view text);

}  // namespace tracuu
