// One Python process serving a whole Swift (account, container, object and proxy servers) on
// loopback: importing swift + keystonemiddleware costs ~1.5 s, so four processes would cost four
// times that (and four times the memory). The rings are built here with swift's RingBuilder, the
// library swift-ring-builder is a command line for: three `swift-ring-builder create/add/rebalance`
// runs would be nine more Python start-ups.
//
// argv: swift_dir (swift.conf, *.ring.gz, *-server.conf, proxy-server.conf) and four ports
// (account, container, object, proxy).

export const SWIFT_LAUNCHER = `
import os, sys
swift_dir = sys.argv[1]
ports = dict(zip(['account', 'container', 'object', 'proxy'], [int(p) for p in sys.argv[2:6]]))
from swift.common import utils
utils.eventlet_monkey_patch()
utils.set_swift_dir(swift_dir)
import eventlet, eventlet.wsgi
from swift.common.ring import RingBuilder
from swift.common import wsgi as swift_wsgi
for kind in ['account', 'container', 'object']:
    ring = os.path.join(swift_dir, kind + '.ring.gz')
    if os.path.exists(ring):
        continue
    b = RingBuilder(6, 1, 0)  # 64 partitions, one replica, no min_part_hours
    b.add_dev({'id': 0, 'region': 1, 'zone': 1, 'ip': '127.0.0.1', 'port': ports[kind],
               'device': 'd1', 'weight': 100, 'meta': ''})
    b.rebalance()
    b.get_ring().save(ring)
class Quiet(object):
    def write(self, *a): pass
    def info(self, *a, **k): pass
    def debug(self, *a, **k): pass
    def error(self, *a, **k): pass
servers = []
for kind in ['account', 'container', 'object', 'proxy']:
    conf = os.path.join(swift_dir, kind + '-server.conf')
    app = swift_wsgi.loadapp(conf)
    sock = eventlet.listen(('127.0.0.1', ports[kind]))
    servers.append(eventlet.spawn(eventlet.wsgi.server, sock, app, Quiet(),
                                  protocol=swift_wsgi.SwiftHttpProtocol, socket_timeout=60,
                                  capitalize_response_headers=False))
print('swift listening: %r' % ports, flush=True)
for s in servers:
    s.wait()
`;
