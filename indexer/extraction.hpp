// Internal: extraction over a text already cut into lines (text_lines.hpp). A file is cut and
// folded once: the bundle split, then each part's metadata and cited directives, read the same
// lines, where each used to cut and fold the whole text again (three folds of every byte, 7% of
// a rebuild's CPU). The public functions of bundle.hpp and metadata.hpp cut the lines and call
// these.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text_lines.hpp"
#include "tracuu/metadata.hpp"

namespace tracuu {

// One document of a bundle: its slice of the file's text and its lines, exactly as
// split_lines(text) would cut them (offsets count from the slice's start; the lines view the
// same bytes of the file's text).
struct BundlePart {
  std::string_view text;
  std::vector<Line> lines;
};

// split_bundle (bundle.hpp), keeping each part's lines.
std::vector<BundlePart> split_bundle_parts(std::string_view text);

// extract_metadata (metadata.hpp) of the text cut into `lines`, which is never empty (split_lines
// cuts an empty text into one empty line).
DocumentMetadata extract_metadata_from_lines(const std::vector<Line>& lines,
                                             const BundleContext& context);

// extract_directives (metadata.hpp) of the text cut into `lines`.
std::vector<Directive> extract_directives_from_lines(const std::vector<Line>& lines,
                                                     const std::string& own_number_key);

}  // namespace tracuu
