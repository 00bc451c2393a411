// Python launchers run with Debian's /usr/bin/python3 (a pyenv/venv python cannot see
// /usr/lib/python3/dist-packages). Each does db setup + serving in ONE process: importing
// keystone/glance costs seconds, so we import once instead of running *-manage separately.

/** argv: keystone.conf host port; env OS_BOOTSTRAP_PASSWORD (kept off the command line / ps). */
export const KEYSTONE_LAUNCHER = `
import os, sqlite3, sys, socketserver, wsgiref.simple_server as wss
conf, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = os.path.join(os.path.dirname(conf), 'keystone.db')
from oslo_config import cfg
if not os.path.exists(db):
    from keystone.cmd import cli
    from keystone.common import provider_api
    cli.main(argv=['keystone-manage', '--config-file', conf, 'db_sync'])
    # WAL: keystone leaves read connections to the GC; with a rollback journal such a reader blocks
    # the next write for 5 s ("database is locked" -> HTTP 500).
    sqlite3.connect(db).execute('PRAGMA journal_mode=WAL').fetchall()
    cfg.CONF.clear()
    cli.main(argv=['keystone-manage', '--config-file', conf, 'bootstrap',
                   '--bootstrap-username', 'admin',
                   # one argument: a random password may begin with '-', which argparse takes for an option
                   '--bootstrap-password=' + os.environ['OS_BOOTSTRAP_PASSWORD'],
                   '--bootstrap-project-name', 'admin', '--bootstrap-role-name', 'admin',
                   '--bootstrap-service-name', 'keystone', '--bootstrap-region-id', 'RegionOne',
                   '--bootstrap-public-url', 'http://%s:%d/v3' % (host, port)])
    # serving in the same process: forget the CLI's options and the locked provider registry
    cfg.CONF.clear()
    cfg.CONF.unregister_opt(cli.command_opt)
    provider_api.ProviderAPIs._clear_registry_instances()
os.environ.pop('OS_BOOTSTRAP_PASSWORD', None)
os.environ['OS_KEYSTONE_CONFIG_FILES'] = conf
sys.argv[1:] = []  # keystone's app parses sys.argv with oslo.config: extra args would be an error
from keystone.server.wsgi import initialize_public_application
app = initialize_public_application()
class Handler(wss.WSGIRequestHandler):
    def log_message(self, *a): pass
class Server(socketserver.ThreadingMixIn, wss.WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
srv = wss.make_server(host, port, app, server_class=Server, handler_class=Handler)
print('keystone listening on http://%s:%d' % (host, port), flush=True)
srv.serve_forever()
`;

/** argv: glance-api.conf glance.db */
export const GLANCE_LAUNCHER = `
import os, sys
conf, db = sys.argv[1], sys.argv[2]
import glance.cmd.api as api  # first: eventlet monkey-patches at import time
from oslo_config import cfg
if not os.path.exists(db):
    import sqlite3
    from glance.cmd import manage
    sys.argv = ['glance-manage', '--config-file', conf, 'db_sync']
    manage.main()
    sqlite3.connect(db).execute('PRAGMA journal_mode=WAL').fetchall()
    cfg.CONF.clear()
    cfg.CONF.unregister_opt(manage.command_opt)
sys.argv = ['glance-api', '--config-file', conf]
sys.exit(api.main())
`;
