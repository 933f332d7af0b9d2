#pragma once
/// \file
/// Reading a file the user named: a scenario or sweep file, a data set, a GraphML topology, an
/// availability trace, a result read back by `compare`. Only a regular file is read. A named
/// pipe would block open() until some writer appears (forever, in practice), a device such as
/// /dev/zero never ends, and a directory reads as an empty file (an empty trace means "always
/// online"): each is refused with one line instead. The file is opened without blocking and
/// checked on the open descriptor (fstat), so nothing swapped in between a check and the open
/// can slip through.

#include <filesystem>
#include <string>
#include <string_view>

namespace commsim::sim {

/// The whole content of `path`, which must be a regular file. Throws InputError(path,
/// "cannot read the NOUN: REASON") when it is missing, unreadable or not a regular file; `noun`
/// says what the file is for ("scenario file", "availability trace").
std::string read_input_file(const std::filesystem::path& path, std::string_view noun);

}  // namespace commsim::sim
