#!/usr/bin/python3
"""A local SMTP server for the notification tests (aiosmtpd, Debian's /usr/bin/python3).

Writes each accepted message to OUTDIR/<n>.eml (the envelope first, as X-Envelope-* lines, then the message as
received) and prints "READY <port>" once it accepts connections. Runs until stdin closes or SIGTERM.

  smtpserver.py --outdir DIR [--mode plain|starttls|tls] [--cert C --key K] [--auth USER:PASSWORD]

plain: no TLS. starttls: TLS required before MAIL (and AUTH). tls: implicit TLS from the first byte (port 465
style). --auth: AUTH required, with this one user.
"""
import argparse
import logging
import os
import signal
import socket
import ssl
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saver:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.outdir, f"{self.count}.eml")
        with open(path + ".tmp", "wb") as out:
            out.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            out.write(f"X-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n".encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)  # the test never sees half a file
        return "250 Message accepted for delivery"


def authenticator_for(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)
    return authenticate


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH without STARTTLS for implicit TLS
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "tls"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth")
    args = parser.parse_args()

    kwargs = {}
    if args.mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.mode == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        else:
            kwargs.update(ssl_context=context)
    if args.auth:
        user, password = args.auth.split(":", 1)
        kwargs.update(authenticator=authenticator_for(user, password), auth_required=True,
                      auth_require_tls=(args.mode == "starttls"))

    controller = Controller(Saver(args.outdir), hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    print(f"READY {controller.port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
