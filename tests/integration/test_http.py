"""A real `fyren serve` on SQLite: pages, API conventions, limits and bad input."""
import json
import os
import shutil
import tempfile
import threading
import time
import unittest

import fyren_process as fp


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="fyren-http-")
        cls.server = fp.Server("sqlite:" + os.path.join(cls.dir, "fyren.db"),
                               settings=["server.request_timeout_ms=500",
                                         "server.max_body_bytes=4096"]).start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.close()
        shutil.rmtree(cls.dir, ignore_errors=True)
        assert code == 0, f"fyren serve exited with {code}"

    def test_pages_in_both_languages(self):
        for path in ["/", "/organisations", "/glossary", "/about"]:
            for lang in ["sv", "en"]:
                status, headers, body = self.server.request("GET", f"{path}?lang={lang}")
                self.assertEqual(status, 200, path)
                self.assertIn(f'lang="{lang}"'.encode(), body)
                self.assertTrue(headers["content-type"].startswith("text/html"))

    def test_security_headers(self):
        _, headers, _ = self.server.request("GET", "/")
        self.assertIn("frame-ancestors 'none'", headers["content-security-policy"])
        self.assertNotIn("unsafe-inline", headers["content-security-policy"])
        self.assertEqual(headers["x-content-type-options"], "nosniff")
        self.assertEqual(headers["referrer-policy"], "no-referrer")
        self.assertIn("x-request-id", headers)

    def test_unknown_page_is_html_404_and_unknown_api_is_problem_json(self):
        status, headers, body = self.server.request("GET", "/no/such/page?lang=en")
        self.assertEqual(status, 404)
        self.assertTrue(headers["content-type"].startswith("text/html"))
        self.assertIn(b"<h1", body)
        status, headers, body = self.server.request("GET", "/api/v1/nothing")
        self.assertEqual(status, 404)
        self.assertEqual(headers["content-type"], "application/problem+json")
        problem = json.loads(body)
        self.assertEqual(problem["status"], 404)
        self.assertIn("title", problem)

    def test_wrong_method_is_405_with_allow(self):
        status, headers, _ = self.server.request("DELETE", "/organisations")
        self.assertEqual(status, 405)
        self.assertIn("GET", headers["allow"])
        status, headers, body = self.server.request("POST", "/api/v1/organisations", body=b"{}")
        self.assertEqual(status, 405)
        self.assertEqual(headers["content-type"], "application/problem+json")

    def test_api_cursor_pagination_walks_every_organisation_once(self):
        seen, cursor, pages = [], None, 0
        while True:
            path = "/api/v1/organisations?limit=7" + (f"&cursor={cursor}" if cursor else "")
            status, _, page = self.server.get_json(path)
            self.assertEqual(status, 200)
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            pages += 1
            if cursor is None:
                break
            self.assertLess(pages, 100)
        self.assertEqual(len(seen), len(set(seen)))
        _, _, everything = self.server.get_json("/api/v1/organisations?limit=200")
        self.assertEqual(sorted(seen), sorted(i["id"] for i in everything["items"]))

    def test_api_bad_parameters_are_400_problems(self):
        for query in ["limit=0", "limit=201", "limit=abc", "cursor=not-a-cursor",
                      "cursor=%27%20OR%201%3D1--"]:
            status, headers, body = self.server.request("GET", "/api/v1/organisations?" + query)
            self.assertIn(status, (400, 422), query)
            self.assertEqual(headers["content-type"], "application/problem+json")
            self.assertTrue(json.loads(body)["errors"], query)

    def test_api_etag_and_not_modified(self):
        _, _, page = self.server.get_json("/api/v1/organisations?limit=1")
        org_id = page["items"][0]["id"]
        status, headers, body = self.server.get_json(f"/api/v1/organisations/{org_id}")
        self.assertEqual(status, 200)
        etag = headers["etag"]
        status, _, _ = self.server.request("GET", f"/api/v1/organisations/{org_id}",
                                           headers={"If-None-Match": etag})
        self.assertEqual(status, 304)
        status, _, _ = self.server.request("GET", "/api/v1/organisations/" + "a" * 26)
        self.assertEqual(status, 404)

    def test_oversized_header_block_is_431(self):
        raw = self.server.raw(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n")
        self.assertEqual(fp.status_line(raw), 431)

    def test_oversized_body_is_413(self):
        status, _, _ = self.server.request("POST", "/", body=b"x" * 10000)
        self.assertEqual(status, 413)

    def test_malformed_request_line_is_400(self):
        for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                    b"GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"]:
            self.assertEqual(fp.status_line(self.server.raw(raw)), 400, raw)

    def test_request_smuggling_is_refused(self):
        raw = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n")
        self.assertEqual(fp.status_line(self.server.raw(raw)), 400)
        raw = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"
        self.assertEqual(fp.status_line(self.server.raw(raw)), 400)

    def test_slow_client_gets_408_and_is_closed(self):
        started = time.monotonic()
        raw = self.server.raw(b"GET / HTTP/1.1\r\nHost: x\r\n", read_timeout=5)
        self.assertEqual(fp.status_line(raw), 408)
        self.assertLess(time.monotonic() - started, 4)

    def test_invalid_utf8_never_gives_a_server_error(self):
        for path in ["/?lang=%ff", "/organisations?x=%c3%28", "/api/v1/organisations?cursor=%ff",
                     "/%ff%fe", "/static/%c0%af"]:
            status, _, _ = self.server.request("GET", path)
            self.assertLess(status, 500, path)

    def test_metrics_carry_route_patterns_not_paths(self):
        self.server.request("GET", "/api/v1/organisations/" + "b" * 26)
        status, _, body = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        text = body.decode()
        self.assertIn('route="/api/v1/organisations/{id}"', text)
        self.assertNotIn("b" * 26, text)
        self.assertIn("fyren_db_pool_size", text)

    def test_access_log_has_no_query_strings(self):
        self.server.request("GET", "/organisations?lang=en&secret=Anna")
        time.sleep(0.1)
        log = self.server.output()
        self.assertIn('"event":"http.request"', log)
        self.assertNotIn("Anna", log)
        self.assertNotIn("secret", log)

    def test_many_concurrent_clients(self):
        failures = []

        def client():
            for _ in range(20):
                status, _, _ = self.server.request("GET", "/organisations")
                if status != 200:
                    failures.append(status)

        threads = [threading.Thread(target=client) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(failures, [])


class ShutdownTest(unittest.TestCase):
    def test_sigterm_finishes_in_flight_requests_and_exits_0(self):
        directory = tempfile.mkdtemp(prefix="fyren-stop-")
        server = fp.Server("sqlite:" + os.path.join(directory, "fyren.db")).start()
        try:
            results = []
            # Keep requests in flight while the signal arrives.
            def client():
                for _ in range(30):
                    try:
                        results.append(server.request("GET", "/organisations")[0])
                    except OSError:
                        results.append("refused")
            thread = threading.Thread(target=client)
            thread.start()
            time.sleep(0.05)
            started = time.monotonic()
            code = server.stop()
            self.assertEqual(code, 0, server.output())
            self.assertLess(time.monotonic() - started, 10)
            thread.join(timeout=30)
            # Every answer that arrived was complete; after the stop, connections are refused.
            self.assertTrue(all(r in (200, "refused") for r in results), results)
            self.assertIn('"event":"server.stopped"', server.output())
        finally:
            server.close()
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
