#include "sim/kernel/printable.hpp"

#include <string>

#include <doctest/doctest.h>

#include "sim/kernel/errors.hpp"

using commsim::sim::kLongestShownWord;
using commsim::sim::printable_line;

TEST_CASE("control characters in user strings are shown escaped, never emitted") {
  using namespace std::string_literals;
  CHECK(printable_line("key \"a\nb\"") == "key \"a\\nb\"");
  CHECK(printable_line("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(printable_line("tab\there\r") == "tab\\there\\r");
  CHECK(printable_line("a\0b"s) == "a\\x00b");
  CHECK(printable_line("\x7f") == "\\x7f");
  CHECK(printable_line("plain text, ‖∇f‖² stays") == "plain text, ‖∇f‖² stays");
}

TEST_CASE("a very long word is shortened around an ellipsis, on UTF-8 boundaries") {
  const std::string key(1000, 'k');
  const std::string shown = printable_line("unknown key \"" + key + "\" here");
  CHECK(shown.find("…") != std::string::npos);
  CHECK(shown.size() < kLongestShownWord + 40);
  CHECK(shown.rfind("unknown key \"k", 0) == 0);
  CHECK(shown.ends_with("k\" here"));
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";  // two bytes each
  const std::string cut = printable_line(accents);
  // Every byte before and after the ellipsis still forms whole "é" characters.
  const auto at = cut.find("…");
  REQUIRE(at != std::string::npos);
  CHECK(at % 2 == 0);
  CHECK((cut.size() - at - std::string("…").size()) % 2 == 0);
  const std::string short_word(kLongestShownWord, 'w');
  CHECK(printable_line(short_word) == short_word);
}

TEST_CASE("the whole message is capped and errors store the printable form") {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "word ";
  CHECK(printable_line(many).size() <= commsim::sim::kLongestShownMessage + 3);
  using namespace std::string_literals;
  const commsim::ConfigError e("seed\n", "bad\0value"s);
  CHECK(std::string(e.what()) == "seed\\n: bad\\x00value");
  const commsim::EnvironmentError env("cannot write out/x.tmp:\nNo space left on device");
  CHECK(std::string(env.what()) == "cannot write out/x.tmp:\\nNo space left on device");
}
