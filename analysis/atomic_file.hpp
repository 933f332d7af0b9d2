#pragma once
/// \file
/// Output files are written under a temporary name in the same directory and renamed into
/// place when complete, so a reader (or a resumed sweep) never sees a half-written file.

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace commsim::analysis {

/// A file written to `<path>.tmp` and renamed to `<path>` by commit().
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path path);
  ~AtomicFile();  ///< an uncommitted file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  /// Flushes buffered text to the temporary file (it stays under its temporary name).
  void flush();
  /// Flushes, syncs and renames into place. Throws EnvironmentError on I/O failure.
  void commit();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_, tmp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

/// Writes `text` to `path` atomically.
void write_file_atomic(const std::filesystem::path& path, std::string_view text);

}  // namespace commsim::analysis
