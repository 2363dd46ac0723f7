#!/usr/bin/python3
"""oslo.messaging's own notification listener (the one every OpenStack consumer of notifications uses), printing
one JSON line per notification it receives: the tests check that it reads ours.

Usage: oslo_notification_listener.py TRANSPORT_URL EXCHANGE TOPIC SECONDS
"""
import json
import sys
import threading

from oslo_config import cfg
import oslo_messaging

url, exchange, topic, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
conf = cfg.ConfigOpts()
conf([], project='watcher-tests')
transport = oslo_messaging.get_notification_transport(conf, url=url)
# The threading executor calls the endpoint from several threads: one whole line at a time.
out = threading.Lock()


class Endpoint:
    def _print(self, priority, publisher_id, event_type, payload, metadata):
        line = json.dumps({'priority': priority, 'publisher_id': publisher_id, 'event_type': event_type,
                           'payload': payload, 'message_id': metadata.get('message_id'),
                           'timestamp': metadata.get('timestamp')})
        with out:
            sys.stdout.write(line + '\n')
            sys.stdout.flush()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._print('INFO', publisher_id, event_type, payload, metadata)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._print('ERROR', publisher_id, event_type, payload, metadata)


listener = oslo_messaging.get_notification_listener(
    transport, [oslo_messaging.Target(exchange=exchange, topic=topic)], [Endpoint()], executor='threading')
listener.start()
print(json.dumps({'listening': True}), flush=True)
threading.Event().wait(seconds)
listener.stop()
listener.wait()
