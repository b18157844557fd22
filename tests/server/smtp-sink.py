#!/usr/bin/env python3
# smtp-sink.py: a real SMTP server (Debian's python3-aiosmtpd) for test-server-mail.
#
# Listens on the TCP socket it inherits as file descriptor 3: the test binds it, so the port
# stays the test's while no relay runs (connections are refused), and no other process can
# take it. Each accepted message is written to DIR as NNNN.eml (the bytes received), with
# NNNN.envelope (the envelope sender, then the recipients), the .eml last. DIR/greeted
# appears when a client has said EHLO.
#
#   --auth USER:PASSWORD   require AUTH (plain text is fine: the socket is loopback)
#   --refuse-while FILE    answer 451 (try later) to every message while FILE exists
#   --stall-first          never answer the first message's data (and touch DIR/stalled),
#                          as a relay that hangs mid-send
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import asyncio
import logging
import os
import socket
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.stalled = False
        self.count = len([n for n in os.listdir(args.dir) if n.endswith('.eml')])

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        # Marks that a client reached the relay, whatever happens next.
        open(os.path.join(self.args.dir, 'greeted'), 'w').close()
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self.args.refuse_while and os.path.exists(self.args.refuse_while):
            return '451 4.3.0 Try again later'
        if self.args.stall_first and not self.stalled:
            self.stalled = True
            open(os.path.join(self.args.dir, 'stalled'), 'w').close()
            await asyncio.Event().wait()
        self.count += 1
        base = os.path.join(self.args.dir, '%04d' % self.count)
        with open(base + '.envelope', 'w') as f:
            f.write(envelope.mail_from + '\n' + '\n'.join(envelope.rcpt_tos) + '\n')
        with open(base + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        os.rename(base + '.tmp', base + '.eml')
        return '250 2.0.0 Accepted'


def main():
    # aiosmtpd warns about AUTH without TLS: deliberate here, on loopback.
    warnings.simplefilter('ignore')
    logging.getLogger('mail.log').setLevel(logging.ERROR)
    parser = argparse.ArgumentParser()
    parser.add_argument('dir')
    parser.add_argument('--auth')
    parser.add_argument('--refuse-while')
    parser.add_argument('--stall-first', action='store_true')
    args = parser.parse_args()
    handler = Handler(args)
    options = {'hostname': 'sink.test'}
    if args.auth:
        user, password = args.auth.encode().split(b':', 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == user and auth_data.password == password)
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True,
                       auth_require_tls=False)

    async def serve():
        sock = socket.socket(fileno=3)
        sock.listen(16)
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SMTP(handler, **options), sock=sock)
        print('ready', flush=True)
        await server.serve_forever()

    asyncio.run(serve())


if __name__ == '__main__':
    main()
