"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and can be told
to refuse: a transient 451 for the next N messages, a permanent 550 for some recipients."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tracking.mail import SmtpSettings


@dataclass
class Inbox:
    messages: list[EmailMessage] = field(default_factory=list)
    transient_failures: int = 0  # answer 451 to this many DATA commands
    refuse: set[str] = field(default_factory=set)  # answer 550 to these recipients
    tries: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        if self.transient_failures > 0:
            self.transient_failures -= 1
            return "451 4.3.0 Try again later"
        self.messages.append(message_from_bytes(envelope.content,  # type: ignore[arg-type]
                                                policy=policy.default))
        return "250 Message accepted"

    def take(self) -> list[EmailMessage]:
        got, self.messages = self.messages, []
        return got


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings(host="127.0.0.1", port=port, tls="none", user="",
                                  password="", sender="gevinst@fjordby.example", timeout=5)
    finally:
        controller.stop()
