#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/log.h"
#include "http/request_reader.h"
#include "http/response_head.h"

namespace fyren::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using boost::system::error_code;

constexpr std::size_t kReadChunk = 16 * 1024;
// After an answer that closes the connection, unread input is drained for this long so that
// the kernel does not answer it with a reset that would destroy the answer in flight.
constexpr std::chrono::milliseconds kLingerTime{1'000};
// A slow reader still has to take the response at this rate on top of request_timeout.
constexpr std::size_t kMinSendBytesPerSecond = 16 * 1024;

// Input bytes not yet consumed by the parser, in one contiguous block (the parser needs a whole
// header line at once). Reused for every request on the connection.
class InputBuffer {
 public:
  explicit InputBuffer(std::size_t max_size) : max_size_(max_size) {}
  [[nodiscard]] std::string_view data() const { return {storage_.data() + begin_, end_ - begin_}; }
  [[nodiscard]] bool empty() const { return begin_ == end_; }
  void Consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }
  // Space for the next read; empty when max_size bytes are already pending.
  asio::mutable_buffer Prepare() {
    if (begin_ > 0) {
      std::copy(storage_.begin() + static_cast<std::ptrdiff_t>(begin_),
                storage_.begin() + static_cast<std::ptrdiff_t>(end_), storage_.begin());
      end_ -= begin_;
      begin_ = 0;
    }
    const std::size_t want = std::min(max_size_, end_ + kReadChunk);
    if (storage_.size() < want) storage_.resize(want);
    return asio::buffer(storage_.data() + end_, want - end_);
  }
  void Commit(std::size_t n) { end_ += n; }

 private:
  std::string storage_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t max_size_;
};

class Connection;

// State shared by the acceptor and all connections. Outlives every Connection: Run returns only
// when the io_context has no work left, which means every connection has been destroyed.
struct ServerState {
  ServerOptions options;
  Handler handler;
  // Runs the handlers that may block (ServerOptions::may_block); null when there are none.
  std::unique_ptr<asio::thread_pool> blocking_pool;
  ErrorResponder error_responder;
  std::atomic<bool> stopping{false};
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::int64_t> connections_total{0};
  std::atomic<std::int64_t> connections_rejected{0};
  std::atomic<std::int64_t> requests_in_flight{0};

  // Connections are registered only so Stop can reach them; touched once per connection, never
  // per request, so the mutex is off the hot path.
  std::mutex registry_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> registry;
  std::function<void()> on_registry_empty_while_stopping;
};

// One client connection. All of its handlers run on its own strand, so its members need no
// locks. One steady_timer enforces every deadline: moving a deadline later only updates
// deadline_ (no timer operation per request); the timer, when it fires early, re-arms itself.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerState& state, tcp::socket socket, bool counted)
      : state_(state),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        input_(state.options.max_header_bytes + kReadChunk),
        reader_(state.options.max_header_bytes, state.options.max_body_bytes),
        counted_(counted) {}

  void Start() {
    error_code ec;
    const auto endpoint = socket_.remote_endpoint(ec);
    if (!ec) request_.remote_address = endpoint.address().to_string();
    // A new connection gets request_timeout to send its first byte: a client that connects
    // and sends nothing is the cheapest way to hold a connection slot.
    StartRequest(state_.options.request_timeout);
  }

  [[nodiscard]] tcp::socket::executor_type executor() { return socket_.get_executor(); }

  // Over max_connections: answer 503 without reading and close.
  void Reject() { Send(SafeErrorResponse(503, {}), /*keep_alive=*/false); }

  // Called on the strand when the server begins to stop.
  void OnServerStop() {
    if (closed_) return;
    if (phase_ == Phase::kIdle) Close();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    // Counters first, so that anyone who sees the socket close also sees the stats updated.
    if (in_flight_) {
      in_flight_ = false;
      state_.requests_in_flight.fetch_sub(1, std::memory_order_relaxed);
    }
    if (counted_) state_.connections_open.fetch_sub(1, std::memory_order_relaxed);
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
    Unregister();
  }

 private:
  // kHandling: the request is complete and its handler runs (possibly on the blocking pool);
  // nothing of the connection's I/O is pending, and a deadline that passes is left to Send.
  enum class Phase { kIdle, kReading, kHandling, kWriting, kLingering };

  void Unregister() {
    std::function<void()> notify;
    {
      std::lock_guard lock(state_.registry_mutex);
      state_.registry.erase(this);
      if (state_.registry.empty() && state_.stopping.load())
        notify = state_.on_registry_empty_while_stopping;
    }
    if (notify) notify();
  }

  void SetDeadline(SteadyClock::time_point deadline) {
    deadline_ = deadline;
    if (deadline < armed_until_) ArmTimer(deadline);
  }

  void ArmTimer(SteadyClock::time_point when) {
    armed_until_ = when;
    timer_.expires_at(when);  // supersedes a pending wait, whose handler sees operation_aborted
    timer_.async_wait([self = shared_from_this()](error_code ec) { self->OnTimer(ec); });
  }

  void OnTimer(error_code ec) {
    if (closed_ || ec == asio::error::operation_aborted) return;
    if (SteadyClock::now() < deadline_) return ArmTimer(deadline_);
    armed_until_ = SteadyClock::time_point::max();
    // A handler cannot be interrupted; Send sets the next deadline when it returns.
    if (phase_ == Phase::kHandling) return;
    if (phase_ == Phase::kReading) {
      // The pending read completes with operation_aborted and answers 408 (OnRead).
      timed_out_ = true;
      error_code ignored;
      socket_.cancel(ignored);
      return;
    }
    Close();
  }

  void StartRequest(std::chrono::milliseconds first_byte_timeout) {
    if (state_.stopping.load(std::memory_order_relaxed)) return Close();
    reader_.Start(request_);
    if (!input_.empty()) {
      // A pipelined request is already here: its clock starts now.
      phase_ = Phase::kReading;
      SetDeadline(SteadyClock::now() + state_.options.request_timeout);
      return Parse();
    }
    phase_ = Phase::kIdle;
    SetDeadline(SteadyClock::now() + first_byte_timeout);
    ReadMore();
  }

  void ReadMore() {
    const asio::mutable_buffer space = input_.Prepare();
    if (space.size() == 0) return Fail(431);  // cannot happen while header_limit < buffer size
    socket_.async_read_some(
        space, [self = shared_from_this()](error_code ec, std::size_t n) { self->OnRead(ec, n); });
  }

  void OnRead(error_code ec, std::size_t n) {
    if (closed_) return;
    if (timed_out_) return Fail(408);
    if (ec) return Close();  // end of stream, reset, or the server closing an idle connection
    input_.Commit(n);
    if (phase_ == Phase::kIdle) {
      phase_ = Phase::kReading;
      SetDeadline(SteadyClock::now() + state_.options.request_timeout);
    }
    Parse();
  }

  void Parse() {
    const RequestReader::Progress progress = reader_.Feed(input_.data());
    input_.Consume(progress.consumed);
    switch (progress.state) {
      case RequestReader::State::kNeedMore:
        return ReadMore();
      case RequestReader::State::kError:
        return Fail(progress.error_status);
      case RequestReader::State::kComplete:
        return Dispatch();
    }
  }

  void Dispatch() {
    in_flight_ = true;
    state_.requests_in_flight.fetch_add(1, std::memory_order_relaxed);
    phase_ = Phase::kHandling;
    if (state_.blocking_pool && state_.options.may_block && state_.options.may_block(request_)) {
      // While the handler runs on the pool, no other handler of this connection runs (no read is
      // pending and the timer leaves kHandling alone), so request_ is the pool thread's alone.
      // The work guard keeps the io_context running until the answer is posted back.
      // The guard is taken here, on the I/O thread, before the post: taken on the pool it could
      // come after the io_context ran out of work (a drain with nothing else pending).
      asio::post(*state_.blocking_pool,
                 [self = shared_from_this(), work = asio::make_work_guard(socket_.get_executor())] {
                   self->RespondWhenReleased(self->RunHandler(), work);
                 });
      return;
    }
    Response response = RunHandler();
    if (response.hold) {
      return RespondWhenReleased(std::move(response),
                                 asio::make_work_guard(socket_.get_executor()));
    }
    Respond(std::move(response));
  }

  // From the thread that ran the handler: sends `response` on the connection's executor, once
  // its hold (if any) releases it. `work` keeps the io_context running until then.
  template <typename WorkGuard>
  void RespondWhenReleased(Response response, WorkGuard work) {
    auto hold = std::move(response.hold);
    response.hold = nullptr;
    if (!hold) {
      asio::post(work.get_executor(),
                 [self = shared_from_this(), response = std::move(response)]() mutable {
                   self->Respond(std::move(response));
                 });
      return;
    }
    hold([self = shared_from_this(), work,
          response = std::move(response)](int failure_status) mutable {
      asio::post(
          work.get_executor(), [self, failure_status, response = std::move(response)]() mutable {
            if (failure_status != 0) {
              // The access log line (middleware) carries the handler's status; this one
              // says what was sent instead, under the same request id.
              base::log::Warn(
                  "http.response_replaced",
                  {{"request_id", self->request_.request_id},
                   {"route", self->request_.route.empty() ? std::string_view("unmatched")
                                                          : std::string_view(self->request_.route)},
                   {"handler_status", response.status},
                   {"status", failure_status}});
              self->Respond(self->SafeErrorResponse(failure_status, self->request_.target));
            } else {
              self->Respond(std::move(response));
            }
          });
    });
  }

  Response RunHandler() {
    try {
      return state_.handler(request_);
    } catch (...) {
      // The middleware chain's barrier should have caught it; this is the last line so that a
      // bug can never take a worker thread down.
      return SafeErrorResponse(500, request_.path);
    }
  }

  void Respond(Response response) {
    if (closed_) return;  // the drain deadline closed the connection while the handler ran
    // Read after the handler: a Stop during a slow handler must still announce the close.
    const bool keep_alive =
        reader_.keep_alive() && !state_.stopping.load(std::memory_order_relaxed);
    Send(std::move(response), keep_alive);
  }

  // Answers a request the server itself rejects, then closes.
  void Fail(int status) {
    // The raw target, not the decoded path: a target that failed to decode still tells the
    // responder whether the client was talking to /api.
    Send(SafeErrorResponse(status, reader_.header_done() ? request_.target : std::string()),
         /*keep_alive=*/false);
  }

  Response SafeErrorResponse(int status, std::string_view path) {
    try {
      return state_.error_responder(status, path);
    } catch (...) {
      return Response::Text(status, std::string(ReasonPhrase(status)));
    }
  }

  void Send(Response response, bool keep_alive) {
    close_after_write_ = !keep_alive;
    body_ = std::move(response.body);
    if (!WriteResponseHead(response, body_.size(), keep_alive, head_)) {
      // A handler produced a header that could split the response: a bug, so answer 500.
      body_ = "Internal Server Error";
      close_after_write_ = true;
      Response fallback = Response::Text(500, {});
      (void)WriteResponseHead(fallback, body_.size(), false, head_);
      response.status = 500;
    }
    const bool send_body = request_.method != Method::kHead && !StatusHasNoBody(response.status);
    phase_ = Phase::kWriting;
    const auto allowance = std::chrono::seconds(body_.size() / kMinSendBytesPerSecond);
    SetDeadline(SteadyClock::now() + state_.options.request_timeout + allowance);
    const std::array<asio::const_buffer, 2> buffers{
        asio::buffer(head_), asio::buffer(body_.data(), send_body ? body_.size() : 0)};
    asio::async_write(socket_, buffers, [self = shared_from_this()](error_code ec, std::size_t) {
      self->OnWrite(ec);
    });
  }

  void OnWrite(error_code ec) {
    if (closed_) return;
    if (in_flight_) {
      in_flight_ = false;
      state_.requests_in_flight.fetch_sub(1, std::memory_order_relaxed);
    }
    if (ec) return Close();
    if (close_after_write_ || state_.stopping.load(std::memory_order_relaxed)) return Linger();
    StartRequest(state_.options.idle_timeout);
  }

  void Linger() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    phase_ = Phase::kLingering;
    SetDeadline(SteadyClock::now() + kLingerTime);
    DiscardInput();
  }

  void DiscardInput() {
    input_.Consume(input_.data().size());
    socket_.async_read_some(input_.Prepare(),
                            [self = shared_from_this()](error_code ec, std::size_t) {
                              if (self->closed_) return;
                              if (ec) return self->Close();
                              self->DiscardInput();
                            });
  }

  ServerState& state_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  InputBuffer input_;
  RequestReader reader_;
  Request request_;
  std::string head_;
  std::string body_;
  Phase phase_ = Phase::kIdle;
  SteadyClock::time_point deadline_{};
  SteadyClock::time_point armed_until_ = SteadyClock::time_point::max();
  bool counted_;
  bool closed_ = false;
  bool timed_out_ = false;
  bool in_flight_ = false;
  bool close_after_write_ = false;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler, ErrorResponder error_responder)
      : strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        signals_(strand_),
        drain_timer_(strand_),
        accept_retry_timer_(strand_) {
    state_.options = std::move(options);
    state_.handler = std::move(handler);
    state_.error_responder = std::move(error_responder);
    if (state_.options.may_block && state_.options.blocking_threads > 0) {
      state_.blocking_pool = std::make_unique<asio::thread_pool>(
          static_cast<std::size_t>(state_.options.blocking_threads));
    }
    state_.on_registry_empty_while_stopping = [this] {
      asio::post(strand_, [this] { drain_timer_.cancel(); });
    };
  }

  base::Status Listen() {
    error_code ec;
    const auto address = asio::ip::make_address(state_.options.address, ec);
    if (ec)
      return base::Fail(base::ErrorCode::kInvalidInput, "invalid listen address", ec.message());
    const tcp::endpoint endpoint(address, state_.options.port);
    acceptor_.open(endpoint.protocol(), ec);
    // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT.
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      error_code ignored;
      acceptor_.close(ignored);
      return base::Fail(base::ErrorCode::kUnavailable, "cannot listen on the configured address",
                        ec.message());
    }
    return base::Ok();
  }

  std::uint16_t port() const {
    error_code ec;
    const auto endpoint = acceptor_.local_endpoint(ec);
    return ec ? 0 : endpoint.port();
  }

  void Run() {
    if (!acceptor_.is_open()) return;
    asio::post(strand_, [this] {
      if (state_.stopping.load()) return BeginStop();
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](error_code ec, int) {
        if (!ec) BeginStop();
      });
      Accept();
    });
    const int configured = state_.options.threads;
    const int threads = configured > 0
                            ? configured
                            : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads - 1));
    for (int i = 1; i < threads; ++i) workers.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& worker : workers) worker.join();
    // Every offloaded handler held work on ioc_, so none is left running; join the threads.
    if (state_.blocking_pool) state_.blocking_pool->join();
  }

  void Stop() {
    state_.stopping.store(true);
    asio::post(strand_, [this] { BeginStop(); });
  }

  ServerStats Stats() const {
    return ServerStats{
        .connections_open = state_.connections_open.load(std::memory_order_relaxed),
        .connections_total = state_.connections_total.load(std::memory_order_relaxed),
        .connections_rejected = state_.connections_rejected.load(std::memory_order_relaxed),
        .requests_in_flight = state_.requests_in_flight.load(std::memory_order_relaxed),
    };
  }

 private:
  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      OnAccept(ec, std::move(socket));
    });
  }

  void OnAccept(error_code ec, tcp::socket socket) {
    if (stop_begun_) return;
    if (ec) {
      // Typically out of file descriptors: retry shortly instead of spinning on the error.
      accept_retry_timer_.expires_after(std::chrono::milliseconds(50));
      accept_retry_timer_.async_wait([this](error_code wait_ec) {
        if (!wait_ec && !stop_begun_) Accept();
      });
      return;
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    state_.connections_total.fetch_add(1, std::memory_order_relaxed);
    const bool over_limit =
        state_.connections_open.load(std::memory_order_relaxed) >= state_.options.max_connections;
    if (!over_limit) state_.connections_open.fetch_add(1, std::memory_order_relaxed);
    if (over_limit) state_.connections_rejected.fetch_add(1, std::memory_order_relaxed);
    auto connection = std::make_shared<Connection>(state_, std::move(socket), !over_limit);
    {
      std::lock_guard lock(state_.registry_mutex);
      state_.registry.emplace(connection.get(), connection);
    }
    if (over_limit) {
      asio::post(connection->executor(), [connection] { connection->Reject(); });
    } else {
      asio::post(connection->executor(), [connection] { connection->Start(); });
    }
    Accept();
  }

  // Runs on strand_. Stops accepting, closes idle connections now, lets the others finish, and
  // closes whatever is left when drain_timeout passes.
  void BeginStop() {
    if (stop_begun_) return;
    stop_begun_ = true;
    state_.stopping.store(true);
    error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    // clear() gives SIGINT and SIGTERM back to their previous handlers.
    signals_.clear(ignored);
    accept_retry_timer_.cancel();
    const auto connections = Snapshot();
    if (connections.empty()) return;
    for (const auto& connection : connections) {
      asio::post(connection->executor(), [connection] { connection->OnServerStop(); });
    }
    drain_timer_.expires_after(state_.options.drain_timeout);
    drain_timer_.async_wait([this](error_code ec) {
      if (ec) return;
      for (const auto& connection : Snapshot()) {
        asio::post(connection->executor(), [connection] { connection->Close(); });
      }
    });
  }

  std::vector<std::shared_ptr<Connection>> Snapshot() {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(state_.registry_mutex);
    out.reserve(state_.registry.size());
    for (const auto& [raw, weak] : state_.registry) {
      if (auto strong = weak.lock()) out.push_back(std::move(strong));
    }
    return out;
  }

  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  asio::steady_timer accept_retry_timer_;
  ServerState state_;
  bool stop_begun_ = false;  // only touched on strand_
};

Server::Server(ServerOptions options, Handler handler, ErrorResponder error_responder)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler),
                                   std::move(error_responder))) {}

Server::~Server() = default;

base::Status Server::Listen() { return impl_->Listen(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }
ServerStats Server::Stats() const { return impl_->Stats(); }

}  // namespace fyren::http
