#!/usr/bin/env python3
"""A time-stamping authority on 127.0.0.1 for the tests: RFC 3161 over
HTTP POST, each reply made by `openssl ts -reply` with the test PKI's TSA
certificate. Prints its port on the first line of stdout, serves until
killed (the test stops it), and stops by itself after 10 minutes.

    tsa.py DIR   # DIR holds tsa.pem, tsa.key, root.pem
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

PKI = sys.argv[1]
CONFIG = f"""
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {PKI}/tsa-serial
crypto_device = builtin
signer_cert = {PKI}/tsa.pem
certs = {PKI}/root.pem
signer_key = {PKI}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "q.tsq"), "wb") as f:
                f.write(query)
            with open(os.path.join(d, "ts.cnf"), "w") as f:
                f.write(CONFIG)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", os.path.join(d, "ts.cnf"),
                 "-queryfile", os.path.join(d, "q.tsq"), "-out", os.path.join(d, "r.tsr")],
                capture_output=True)
            if done.returncode != 0:
                self.send_response(500)
                self.end_headers()
                return
            with open(os.path.join(d, "r.tsr"), "rb") as f:
                reply = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


if not os.path.exists(f"{PKI}/tsa-serial"):
    with open(f"{PKI}/tsa-serial", "w") as f:
        f.write("01\n")
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Timer(600, server.shutdown).start()
server.serve_forever()
