#pragma once
/// \file
/// The lock of a sweep directory: an exclusive flock(2) on `<dir>/sweep.lock`, held while one
/// `commsim sweep` (or `sweep merge`) writes there, so two invocations on one `--out` can never
/// both write (one deleting the other's half-written runs). The file holds the holder's pid, for
/// the message of the refused one. The kernel drops the lock when the holder exits, even by
/// `kill -9`, so a stale file never blocks a resume; the file itself is left in place (deleting
/// it would let a third process lock a new file while a second still waits on the old one).

#include <filesystem>

namespace commsim::analysis {

/// The lock file's name inside a sweep directory.
inline constexpr const char* kSweepLockFile = "sweep.lock";

class SweepDirLock {
 public:
  /// Creates `dir` when absent and takes its lock. Throws ConfigError when another process
  /// holds it (naming its pid), EnvironmentError when the directory or file cannot be made.
  explicit SweepDirLock(const std::filesystem::path& dir);
  ~SweepDirLock();  ///< releases the lock
  SweepDirLock(const SweepDirLock&) = delete;
  SweepDirLock& operator=(const SweepDirLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace commsim::analysis
