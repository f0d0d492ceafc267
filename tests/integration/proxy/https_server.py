#!/usr/bin/env python3
"""https_server.py - a loopback HTTPS server for tests/integration/test_proxy.sh.

usage: https_server.py CERT KEY PORT_FILE LOG_FILE

Listens on 127.0.0.1 on a free port (written to PORT_FILE once listening),
answers every GET with 200 "secure ok" (HTTP/1.1, keep-alive) and appends one
JSON line per request to LOG_FILE: method, target, headers ([name, value]
pairs). Python 3's standard library only; SIGTERM stops it.
"""
import http.server
import json
import os
import signal
import ssl
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_lock = threading.Lock()

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        with self.log_lock, open(self.server.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"method": self.command, "target": self.path,
                                "headers": [[k, v] for k, v in self.headers.items()]}) + "\n")
        body = b"secure ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    cert, key, port_file, log_path = sys.argv[1:5]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.log_path = log_path
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(tmp, port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
