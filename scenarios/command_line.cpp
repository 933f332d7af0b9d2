#include "scenarios/command_line.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "sim/kernel/errors.hpp"

namespace commsim::scenario {
namespace po = boost::program_options;

namespace {

constexpr const char* kHelpKey = "help";

// `FILE`, `FILE...`, `--out DIR`, `[--set PATH=VALUE]...` or `[--force]`.
std::string option_usage(const po::option_description& o, bool positional, int max) {
  const po::value_semantic& s = *o.semantic();
  if (positional) {
    return s.name() + (max < 0 ? "..." : "");
  }
  const std::string word = s.max_tokens() == 0 ? fmt::format("--{}", o.long_name())
                                               : fmt::format("--{} {}", o.long_name(), s.name());
  if (s.is_required()) return word;
  return fmt::format("[{}]{}", word, s.is_composing() ? "..." : "");
}

}  // namespace

CommandLine::CommandLine(std::string name, std::string summary)
    : name_(std::move(name)), summary_(std::move(summary)), desc_(name_ + " options") {
  desc_.add_options()(kHelpKey, po::bool_switch(), "print this help and exit");
}

po::options_description_easy_init CommandLine::add_options() {
  return desc_.add_options();
}

CommandLine& CommandLine::positional(const char* key, const char* noun, int max, bool required) {
  pos_.add(key, max);
  positional_key_ = key;
  positional_noun_ = noun;
  positional_max_ = max;
  positional_required_ = required;
  return *this;
}

std::string CommandLine::usage() const {
  std::string text = "commsim " + name_;
  const po::option_description* positional = desc_.find_nothrow(positional_key_, false);
  if (positional) {
    const std::string word = option_usage(*positional, true, positional_max_);
    text += positional_required_ ? fmt::format(" {}", word) : fmt::format(" [{}]", word);
  }
  for (const auto& o : desc_.options()) {
    if (o->long_name() != kHelpKey && o->long_name() != positional_key_)
      text += fmt::format(" {}", option_usage(*o, false, 0));
  }
  return text;
}

std::string CommandLine::help() const {
  std::string text = fmt::format("usage: {}\n\n{}\n", usage(), summary_);
  auto line = [](const std::string& left, const std::string& what) {
    return fmt::format("  {:<22}{}\n", left, what);
  };
  if (const auto* p = desc_.find_nothrow(positional_key_, false)) {
    text += "\narguments:\n";
    text += line(option_usage(*p, true, positional_max_), p->description());
  }
  text += "\noptions:\n";
  for (const auto& o : desc_.options()) {
    if (o->long_name() == positional_key_) continue;
    const std::string left = o->semantic()->max_tokens()
                                 ? fmt::format("--{} {}", o->long_name(), o->semantic()->name())
                                 : fmt::format("--{}", o->long_name());
    text += line(left, o->description());
  }
  return text;
}

bool CommandLine::parse(const std::vector<std::string>& args, po::variables_map& vm) const {
  try {
    po::store(po::command_line_parser(args).options(desc_).positional(pos_).run(), vm);
    if (vm[kHelpKey].as<bool>()) {
      std::fputs(help().c_str(), stdout);
      return false;
    }
    if (positional_required_ && !vm.count(positional_key_)) {
      const auto& p = desc_.find(positional_key_, false);
      throw UsageError(fmt::format("{}: missing the {} {} (usage: {})", name_, positional_noun_,
                                   p.semantic()->name(), usage()));
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + " (see commsim --help)");
  }
  return true;
}

}  // namespace commsim::scenario
