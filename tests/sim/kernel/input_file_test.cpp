#include "sim/kernel/input_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/kernel/errors.hpp"

using namespace commsim;

namespace {

// The message of the InputError that reading `path` throws (empty when it throws none).
std::string read_error(const std::string& path) {
  try {
    sim::read_input_file(path, "test file");
  } catch (const InputError& e) {
    CHECK(e.where() == path);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("sim::read_input_file: the whole content of a regular file, bytes as they are") {
  const std::string path = std::string(COMMSIM_BINARY_DIR) + "/input_file_ok.txt";
  std::string text(200000, 'x');  // more than one read() of the 64 kB buffer
  text[5] = '\0';
  text.back() = '\n';
  std::ofstream(path, std::ios::binary) << text;
  CHECK(sim::read_input_file(path, "test file") == text);
}

TEST_CASE("sim::read_input_file: missing and non-regular files are one-line InputErrors") {
  const std::string dir = std::string(COMMSIM_BINARY_DIR);
  CHECK(read_error(dir + "/no_such_input") ==
        dir + "/no_such_input: cannot read the test file: no such file");
  // A relative path is the process's: the message says where it was looked for.
  CHECK(read_error("no_such_input") ==
        "no_such_input: cannot read the test file: no such file (a relative path is read from the "
        "current directory " +
            std::filesystem::current_path().string() + ")");
  CHECK(read_error(dir) ==
        dir + ": cannot read the test file: it is a directory, not a regular file");
  CHECK(read_error("/dev/zero") ==
        "/dev/zero: cannot read the test file: it is a character device, not a regular file");
  // A named pipe without a writer: opened without blocking and refused (this would hang).
  const std::string fifo = dir + "/input_file_fifo";
  std::remove(fifo.c_str());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(read_error(fifo) ==
        fifo + ": cannot read the test file: it is a named pipe (FIFO), not a regular file");
  std::remove(fifo.c_str());
}
