#include "http/middleware.h"

#include <cxxabi.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>
#include <typeinfo>

#include "base/log.h"
#include "base/random.h"
#include "http/cookie.h"

namespace fyren::http {
namespace {

using SteadyClock = std::chrono::steady_clock;

std::string_view RouteLabel(const Request& request) {
  return request.route.empty() ? std::string_view("unmatched") : std::string_view(request.route);
}

std::string TypeName(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
  return status == 0 && demangled ? std::string(demangled.get()) : std::string(type.name());
}

// Only the exception's type is logged: what() texts are written by libraries and can quote the
// input that failed (nlohmann's parse_error does), and input may be personal data.
void LogException(const Request& request, std::string_view type) {
  base::log::Error(
      "http.unhandled_exception",
      {{"request_id", request.request_id}, {"route", RouteLabel(request)}, {"type", type}});
}

bool IsSupported(const std::vector<std::string>& supported, std::string_view locale) {
  for (const std::string& candidate : supported) {
    if (candidate == locale) return true;
  }
  return false;
}

}  // namespace

bool IsAcceptableRequestId(std::string_view id) {
  if (id.size() < 8 || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

Handler WithRequestId(Handler next) {
  return [next = std::move(next)](Request& request) {
    const auto incoming = request.Header("x-request-id");
    if (incoming && IsAcceptableRequestId(*incoming)) {
      request.request_id.assign(*incoming);
    } else {
      request.request_id = base::NewPublicId();
    }
    Response response = next(request);
    response.SetHeader("X-Request-Id", request.request_id);
    return response;
  };
}

Handler WithSecurityHeaders(Handler next, SecurityHeaderOptions options) {
  return [next = std::move(next), options](Request& request) {
    Response response = next(request);
    response.SetHeader("Content-Security-Policy", kContentSecurityPolicy);
    response.SetHeader("X-Content-Type-Options", "nosniff");
    response.SetHeader("Referrer-Policy", "no-referrer");
    response.SetHeader("X-Frame-Options", "DENY");
    response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!response.Header("Cache-Control")) response.SetHeader("Cache-Control", "no-store");
    if (options.behind_tls) {
      response.SetHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    return response;
  };
}

Handler WithAccessLog(Handler next) {
  return [next = std::move(next)](Request& request) {
    const auto start = SteadyClock::now();
    Response response = next(request);
    const double duration_ms =
        std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
    base::log::Info("http.request", {{"request_id", request.request_id},
                                     {"method", ToString(request.method)},
                                     {"route", RouteLabel(request)},
                                     {"status", response.status},
                                     {"duration_ms", duration_ms}});
    return response;
  };
}

Handler WithMetrics(Handler next, Metrics& metrics) {
  return [next = std::move(next), &metrics](Request& request) {
    const auto start = SteadyClock::now();
    Response response = next(request);
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics.Record(request.route, request.method, response.status, seconds);
    return response;
  };
}

Handler WithExceptionBarrier(Handler next, ErrorPage error_page) {
  return [next = std::move(next), error_page = std::move(error_page)](Request& request) {
    try {
      return next(request);
    } catch (const std::exception& e) {
      LogException(request, TypeName(typeid(e)));
    } catch (...) {
      LogException(request, "unknown");
    }
    try {
      return error_page(request, 500);
    } catch (...) {
      return Response::Text(500, "Internal Server Error");
    }
  };
}

Handler WithLocale(Handler next, LocaleOptions options) {
  return [next = std::move(next), options = std::move(options)](Request& request) {
    const std::string_view fallback = options.supported.empty()
                                          ? std::string_view("sv")
                                          : std::string_view(options.supported.front());
    std::optional<std::string> chosen;
    if (auto lang = request.QueryParam("lang"); lang && IsSupported(options.supported, *lang)) {
      chosen = std::move(lang);
    }
    if (chosen) {
      request.locale = *chosen;
    } else if (auto cookie = request.Cookie(kLocaleCookie);
               cookie && IsSupported(options.supported, *cookie)) {
      request.locale = std::move(*cookie);
    } else {
      request.locale.assign(fallback);
    }
    Response response = next(request);
    if (chosen) {
      const CookieAttributes attributes{.path = "/",
                                        .max_age = std::chrono::seconds(31'536'000),
                                        .http_only = true,
                                        .secure = options.behind_tls,
                                        .same_site = SameSite::kLax};
      if (auto header = FormatSetCookie(kLocaleCookie, *chosen, attributes)) {
        response.AddHeader("Set-Cookie", *header);
      }
    }
    return response;
  };
}

}  // namespace fyren::http
