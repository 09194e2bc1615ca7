#include "http/request_reader.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <limits>
#include <optional>

namespace fyren::http {
namespace {

namespace beast = boost::beast;
using beast::error_code;

constexpr std::size_t kMaxRetainedBody = 64 * 1024;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

void AssignLower(std::string& out, std::string_view in) {
  out.assign(in);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

bool HasEncodedSlash(std::string_view raw_path) {
  for (std::size_t i = 0; i + 2 < raw_path.size(); ++i) {
    if (raw_path[i] == '%' && raw_path[i + 1] == '2' &&
        (raw_path[i + 2] == 'f' || raw_path[i + 2] == 'F')) {
      return true;
    }
  }
  return false;
}

bool IsAcceptablePath(std::string_view path) {
  for (const char c : path) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) return false;
  }
  std::size_t start = 1;  // path[0] is '/'
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

bool IsPlausibleHost(std::string_view host) {
  for (const char c : host) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7F || c == '/' || c == '\\' || c == '@') return false;
  }
  return true;
}

// True when the header block in `data` (up to its end, or all of `data` while incomplete)
// continues a field on the next line (obs-fold). Beast would quietly join such lines; RFC 9112
// allows rejecting them, and a front proxy that joins them differently is a smuggling risk.
// `scanned` remembers how far earlier calls got, because the parser offers the same header
// bytes again until they are complete.
bool HasObsFold(std::string_view data, std::size_t& scanned) {
  std::size_t i = scanned == 0 ? 0 : scanned - 1;
  for (; i + 1 < data.size(); ++i) {
    if (data[i] != '\n') continue;
    const char next = data[i + 1];
    if (next == ' ' || next == '\t') return true;
    if (next == '\r' || next == '\n') {
      scanned = std::string_view::npos;  // end of the header block
      return false;
    }
  }
  scanned = data.size();
  return false;
}

}  // namespace

// Beast calls these hooks while it parses; each one fills the Request directly, so no
// intermediate Beast message (and none of its per-field allocations) exists.
class RequestReader::Impl {
 public:
  class Parser final : public beast::http::basic_parser<true> {
   public:
    explicit Parser(Request& request) : request_(request) {}

    int error_status = 0;  // set together with ec by our own checks
    int version = 0;

   private:
    void Reject(error_code& ec, beast::http::error code) {
      error_status = 400;
      ec = code;
    }

    void on_request_impl(beast::http::verb, beast::string_view method, beast::string_view target,
                         int http_version, error_code& ec) override {
      version = http_version;
      if (version != 10 && version != 11) return Reject(ec, beast::http::error::bad_version);
      const std::string_view t(target.data(), target.size());
      if (t.empty() || t.front() != '/') return Reject(ec, beast::http::error::bad_target);
      request_.method = ParseMethod(std::string_view(method.data(), method.size()));
      request_.target.assign(t);
      const std::size_t question = t.find('?');
      const std::string_view raw_path = t.substr(0, question);
      request_.query.assign(question == std::string_view::npos ? std::string_view()
                                                               : t.substr(question + 1));
      if (HasEncodedSlash(raw_path) || !PercentDecodeInto(raw_path, false, request_.path) ||
          !IsAcceptablePath(request_.path)) {
        request_.path.clear();
        return Reject(ec, beast::http::error::bad_target);
      }
    }

    void on_response_impl(int, beast::string_view, int, error_code& ec) override {
      ec = beast::http::error::bad_version;  // unreachable for a request parser
    }

    void on_field_impl(beast::http::field name, beast::string_view name_string,
                       beast::string_view value, error_code& ec) override {
      if (header_complete_) return;  // chunked trailers: never trusted, never shown to handlers
      const std::string_view v(value.data(), value.size());
      if (name == beast::http::field::content_length) {
        ++content_length_fields_;
        // Beast accepts a list of equal values ("3, 3"); a proxy in front may not agree.
        if (v.find(',') != std::string_view::npos) {
          return Reject(ec, beast::http::error::bad_content_length);
        }
      }
      if (name == beast::http::field::host) {
        ++host_fields_;
        if (!IsPlausibleHost(v)) return Reject(ec, beast::http::error::bad_value);
      }
      if (name == beast::http::field::transfer_encoding) {
        ++transfer_encoding_fields_;
        if (!IEquals(v, "chunked")) return Reject(ec, beast::http::error::bad_transfer_encoding);
      }
      auto& headers = request_.headers;
      if (header_count_ < headers.size()) {
        AssignLower(headers[header_count_].first,
                    std::string_view(name_string.data(), name_string.size()));
        headers[header_count_].second.assign(v);
      } else {
        headers.emplace_back();
        AssignLower(headers.back().first, std::string_view(name_string.data(), name_string.size()));
        headers.back().second.assign(v);
      }
      ++header_count_;
    }

    void on_header_impl(error_code& ec) override {
      header_complete_ = true;
      request_.headers.resize(header_count_);
      if (content_length_fields_ > 1) return Reject(ec, beast::http::error::bad_content_length);
      if (transfer_encoding_fields_ > 0 && version == 10) {
        return Reject(ec, beast::http::error::bad_transfer_encoding);
      }
      if (version == 11 ? host_fields_ != 1 : host_fields_ > 1) {
        return Reject(ec, beast::http::error::bad_field);
      }
    }

    void on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                           error_code&) override {
      // Beast has already refused a declared length past the limit, so this reserve is bounded.
      if (content_length) request_.body.reserve(static_cast<std::size_t>(*content_length));
    }

    std::size_t on_body_impl(beast::string_view body, error_code&) override {
      request_.body.append(body.data(), body.size());
      return body.size();
    }

    void on_chunk_header_impl(std::uint64_t, beast::string_view, error_code&) override {}

    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, error_code&) override {
      request_.body.append(body.data(), body.size());
      return body.size();
    }

    void on_finish_impl(error_code&) override {}

    Request& request_;
    std::size_t header_count_ = 0;
    int content_length_fields_ = 0;
    int transfer_encoding_fields_ = 0;
    int host_fields_ = 0;
    bool header_complete_ = false;
  };

  Impl(std::size_t header_limit, std::size_t body_limit)
      : max_header_bytes(header_limit), max_body_bytes(body_limit) {}

  std::size_t max_header_bytes;
  std::size_t max_body_bytes;
  std::optional<Parser> parser;
  std::size_t fold_scanned = 0;  // HasObsFold's progress through the current header block
};

RequestReader::RequestReader(std::size_t max_header_bytes, std::size_t max_body_bytes)
    : impl_(std::make_unique<Impl>(max_header_bytes, max_body_bytes)) {}

RequestReader::~RequestReader() = default;

void RequestReader::Start(Request& request) {
  request.method = Method::kGet;
  request.target.clear();
  request.path.clear();
  request.query.clear();
  request.body.clear();
  // A connection keeps its Request between keep-alive requests to reuse the buffers, but one
  // large upload should not pin a megabyte per idle connection.
  if (request.body.capacity() > kMaxRetainedBody) request.body.shrink_to_fit();
  request.request_id.clear();
  request.locale = "sv";
  request.route.clear();
  request.path_params.clear();
  // Set by middleware from this request's own cookie: a keep-alive request without one (after
  // sign-out, or another client's request through a pooling proxy) must not inherit them.
  request.session.reset();
  request.csrf_token.clear();
  impl_->fold_scanned = 0;
  auto& parser = impl_->parser.emplace(request);
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(impl_->max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(impl_->max_body_bytes);
  parser.eager(true);
}

RequestReader::Progress RequestReader::Feed(std::string_view data) {
  Progress progress;
  auto& parser = *impl_->parser;
  if (impl_->fold_scanned != std::string_view::npos && HasObsFold(data, impl_->fold_scanned)) {
    progress.state = State::kError;
    progress.error_status = 400;
    return progress;
  }
  while (true) {
    if (parser.is_done()) {
      progress.state = State::kComplete;
      return progress;
    }
    if (data.empty()) return progress;
    error_code ec;
    const std::size_t used = parser.put(boost::asio::const_buffer(data.data(), data.size()), ec);
    progress.consumed += used;
    data.remove_prefix(used);
    if (ec == beast::http::error::need_more) return progress;
    if (ec) {
      progress.state = State::kError;
      if (parser.error_status != 0) {
        progress.error_status = parser.error_status;
      } else if (ec == beast::http::error::header_limit) {
        progress.error_status = 431;
      } else if (ec == beast::http::error::body_limit) {
        progress.error_status = 413;
      } else {
        progress.error_status = 400;
      }
      return progress;
    }
    if (used == 0 && !parser.is_done()) return progress;
  }
}

bool RequestReader::header_done() const { return impl_->parser && impl_->parser->is_header_done(); }

bool RequestReader::keep_alive() const {
  return impl_->parser && impl_->parser->version == 11 && impl_->parser->keep_alive();
}

}  // namespace fyren::http
