// Test oracle (built only when SimGrid is found; never part of commsim): replays a commsim
// messages.csv on a SimGrid platform written by `commsim simgrid-platform` and prints each
// message's arrival time, one line per message in file order.
//
//   replay PLATFORM.xml MESSAGES.csv [--cfg=...]...
//
// Each message is an actor that sleeps until the message's send time and then sends
// wire bits / 8 bytes from its source host to its destination host; the arrival is the time
// the communication completes. Wire bits are the `wire_bits` column when present, else `bits`
// (so scenarios replayed with an older messages.csv must set network.header_bits to 0).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

namespace {

struct Message {
  std::string src, dst;
  double send_time = 0.0;
  double bytes = 0.0;
  double arrival = -1.0;
};

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) fields.push_back(field);
  return fields;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return header.size();
}

std::string host_name(const std::string& endpoint) {
  return endpoint == "server" ? endpoint : "w" + endpoint;
}

std::vector<Message> read_messages(const char* path) {
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(std::string(path) + ": empty");
  const auto header = split_csv(line);
  const std::size_t src = column(header, "src"), dst = column(header, "dst"),
                    send = column(header, "send_time_s");
  std::size_t bits = column(header, "wire_bits");
  if (bits == header.size()) bits = column(header, "bits");
  if (src == header.size() || dst == header.size() || send == header.size() ||
      bits == header.size())
    throw std::runtime_error(std::string(path) + ": needs src, dst, send_time_s, bits columns");
  std::vector<Message> messages;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = split_csv(line);
    messages.push_back(
        {host_name(f[src]), host_name(f[dst]), std::stod(f[send]), std::stod(f[bits]) / 8.0});
  }
  return messages;
}

}  // namespace

int main(int argc, char** argv) {
  // Tight precision first, so SimGrid's own rounding cannot hide a difference; later --cfg
  // arguments from the command line win. SimGrid 3.32 names: surf/precision (timing) and
  // maxmin/precision (solver); newer releases call them precision/timing and
  // precision/work-amount. maxmin/precision 1e-13 crashes 3.32's CM02 solver, 1e-11 does not.
  std::vector<std::string> owned = {argv[0], "--cfg=surf/precision:1e-13",
                                    "--cfg=maxmin/precision:1e-11", "--log=root.thres:warning"};
  for (int i = 3; i < argc; ++i) owned.emplace_back(argv[i]);
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s PLATFORM.xml MESSAGES.csv [--cfg=...]...\n", argv[0]);
    return 2;
  }
  std::vector<char*> args;
  for (auto& s : owned) args.push_back(s.data());
  int sg_argc = static_cast<int>(args.size());
  sg4::Engine engine(&sg_argc, args.data());
  engine.load_platform(argv[1]);
  std::vector<Message> messages = read_messages(argv[2]);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    Message* m = &messages[i];
    sg4::Host* src = engine.host_by_name(m->src);
    sg4::Host* dst = engine.host_by_name(m->dst);
    sg4::Actor::create("message" + std::to_string(i), src, [m, src, dst] {
      sg4::this_actor::sleep_until(m->send_time);
      sg4::Comm::sendto(src, dst, m->bytes);
      m->arrival = sg4::Engine::get_clock();
    });
  }
  engine.run();
  for (const Message& m : messages) std::printf("%.17g\n", m.arrival);
  return 0;
}
