// A minimal server for measuring the HTTP layer with wrk (not a test):
//   hello_server [port] [threads]   then   wrk -t2 -c64 -d5s http://127.0.0.1:PORT/healthz
// Serves 127.0.0.1 only and stops on SIGINT/SIGTERM.
#include <cstdio>
#include <cstdlib>

#include "http/server.h"

int main(int argc, char** argv) {
  using fyren::http::Response;
  fyren::http::ServerOptions options;
  options.address = "127.0.0.1";
  options.port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 0);
  options.threads = argc > 2 ? std::atoi(argv[2]) : 0;
  fyren::http::Server server(
      options, [](fyren::http::Request&) { return Response::Text(200, "ok"); },
      [](int status, std::string_view) { return Response::Text(status, "error"); });
  if (!server.Listen()) return 1;
  std::printf("%u\n", static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  server.Run();
  return 0;
}
