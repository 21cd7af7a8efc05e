"""A real SMTP server (aiosmtpd) on a free local port, for the tests that send email.

Mail goes through Django's SMTP backend, over a socket, to this server, which parses each
message as the recipient's mail client would; nothing in the sending path is replaced.
"""

import email
import email.policy
import re
import threading
import time
from contextlib import contextmanager

from aiosmtpd.controller import Controller

from .servers import free_port


class Mailbox:
    """What the server received: parsed messages, in order of arrival."""

    def __init__(self):
        self.messages = []
        self.refused = set()  # addresses the server answers "550 No such user" for
        self._arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.casefold() in self.refused:
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count, seconds=10):
        """Wait until `count` messages have arrived; return them all."""
        deadline = time.monotonic() + seconds
        with self._arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"{len(self.messages)} message(s) arrived, {count} expected"
                    )
                self._arrived.wait(left)
            return list(self.messages)

    def to(self, address):
        """The messages whose envelope recipients include `address`."""
        return [m for m in self.messages if address in m["X-Envelope-To"].split(", ")]

    def refuse(self, address):
        """Refuse `address` from now on, as a server does for a mailbox that is gone."""
        self.refused.add(address.casefold())

    def accept(self, address):
        self.refused.discard(address.casefold())

    def clear(self):
        with self._arrived:
            self.messages.clear()


def body_text(message, subtype="plain"):
    """The text of a message's text/plain (or text/html) part."""
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


def links(message):
    """Every http(s) link in the plain-text part, in order."""
    return re.findall(r"https?://[^\s<>\"]+", body_text(message))


@contextmanager
def smtp_server():
    """Start aiosmtpd on a free port; yield (host, port, mailbox)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, mailbox
    finally:
        controller.stop()
