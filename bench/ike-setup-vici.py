#!/usr/bin/env python3
"""bench/ike-setup-vici.py - the charon side of bench/ike-setup: drives an initiating charon over
its vici socket. Each slot (a swanctl connection with a child "net") loops: initiate the child
(waits until the IKE SA and the Child SA are up), then terminate the IKE SA (waits until the
delete is answered), then again; one thread and one vici connection per slot, so exactly as many
setups are in flight as there are slots. Prints one key=value result line, as IkeSetupLoad does.

    ike-setup-vici.py --socket PATH --slots s0,s1,... [--warmup 5] [--seconds 20] [--cpu-pid name=PID]...

Debian ships no load-tester plugin, and one swanctl process per setup would cost more CPU than
the setup, so this speaks vici itself: the protocol is described in strongSwan's
src/libcharon/plugins/vici/README.md (a 32-bit length, a packet type, a named command and a
message of sections, key/values and lists). No control-log events are registered for
(loglevel -1): the driver asks for nothing but the result.
"""
import argparse
import socket
import struct
import sys
import threading
import time

CMD_REQUEST, CMD_RESPONSE, CMD_UNKNOWN, EVENT = 0, 1, 2, 7
SECTION_START, SECTION_END, KEY_VALUE, LIST_START, LIST_ITEM, LIST_END = 1, 2, 3, 4, 5, 6


def encode(message):
    out = bytearray()
    for k, v in message.items():
        name = k.encode()
        value = str(v).encode()
        out += bytes([KEY_VALUE, len(name)]) + name + struct.pack("!H", len(value)) + value
    return bytes(out)


def decode(data):
    """Only the top level key/values (success, errmsg) matter here; sections and lists are skipped."""
    result, i, depth = {}, 0, 0
    while i < len(data):
        t = data[i]
        i += 1
        if t in (SECTION_START, LIST_START):
            i += 1 + data[i]
            depth += 1
        elif t in (SECTION_END, LIST_END):
            depth -= 1
        elif t == KEY_VALUE:
            n = data[i]
            key = data[i + 1:i + 1 + n].decode()
            i += 1 + n
            (m,) = struct.unpack("!H", data[i:i + 2])
            if depth == 0:
                result[key] = data[i + 2:i + 2 + m].decode(errors="replace")
            i += 2 + m
        elif t == LIST_ITEM:
            (m,) = struct.unpack("!H", data[i:i + 2])
            i += 2 + m
        else:
            raise ValueError("bad vici element type %d" % t)
    return result


class Vici:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)

    def _read(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("vici socket closed")
            buf += chunk
        return bytes(buf)

    def request(self, command, message):
        name = command.encode()
        packet = bytes([CMD_REQUEST, len(name)]) + name + encode(message)
        self.sock.sendall(struct.pack("!I", len(packet)) + packet)
        while True:
            (length,) = struct.unpack("!I", self._read(4))
            packet = self._read(length)
            if packet[0] == CMD_RESPONSE:
                return decode(packet[1:])
            if packet[0] == CMD_UNKNOWN:
                raise ValueError("vici: unknown command " + command)
            # an event (none registered for): skip it


def cpu_seconds(pid):
    """User + system CPU seconds of a process from /proc/PID/stat (proc(5) fields 14 and 15)."""
    try:
        with open("/proc/%s/stat" % pid) as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / 100.0
    except (OSError, ValueError, IndexError):
        return float("nan")


class Slot(threading.Thread):
    def __init__(self, path, name, stop):
        super().__init__(daemon=True, name=name)
        self.path, self.slot, self.stop = path, name, stop
        self.completed = 0
        self.failures = 0
        self.latency_sum = 0.0
        self.last_error = None

    def run(self):
        vici = Vici(self.path)
        while not self.stop.is_set():
            t = time.monotonic()
            r = vici.request("initiate", {"child": "net", "ike": self.slot, "timeout": 30000, "loglevel": -1})
            if r.get("success") == "yes":
                self.latency_sum += time.monotonic() - t
                self.completed += 1
            else:
                self.failures += 1
                self.last_error = r.get("errmsg", "initiate failed")
            r = vici.request("terminate", {"ike": self.slot, "timeout": 30000, "loglevel": -1})
            if r.get("success") != "yes" and self.last_error is None:
                self.last_error = "terminate: " + r.get("errmsg", "failed")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--socket", required=True)
    p.add_argument("--slots", required=True)
    p.add_argument("--warmup", type=float, default=5)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--cpu-pid", action="append", default=[])
    a = p.parse_args()
    pids = dict(kv.split("=", 1) for kv in a.cpu_pid)
    stop = threading.Event()
    slots = [Slot(a.socket, s, stop) for s in a.slots.split(",")]
    for s in slots:
        s.start()
    print("ike-setup-vici: %d slots, warm-up %.0f s, window %.0f s" % (len(slots), a.warmup, a.seconds), file=sys.stderr)
    time.sleep(a.warmup)
    before = [s.completed for s in slots]
    fail_before = sum(s.failures for s in slots)
    lat_before = sum(s.latency_sum for s in slots)
    cpu_before = {"self": cpu_seconds("self"), **{k: cpu_seconds(v) for k, v in pids.items()}}
    t0, wall0 = time.monotonic(), time.time()
    time.sleep(a.seconds)
    t1, wall1 = time.monotonic(), time.time()
    cpu_after = {"self": cpu_seconds("self"), **{k: cpu_seconds(v) for k, v in pids.items()}}
    after = [s.completed for s in slots]
    fail_after = sum(s.failures for s in slots)
    lat_after = sum(s.latency_sum for s in slots)
    stop.set()
    setups = sum(after) - sum(before)
    window = t1 - t0
    line = "setups=%d window=%.3f rate=%.1f failures=%d window_start_ms=%d window_end_ms=%d" % (
        setups, window, setups / window, fail_after - fail_before, wall0 * 1000, wall1 * 1000)
    for k in cpu_after:
        line += " cpu_%s=%.2f" % (k, cpu_after[k] - cpu_before[k])
    # no setup completed in the window: no latency to report, not a latency of 0
    line += (" setup_latency_ms=%.1f" % ((lat_after - lat_before) * 1000 / setups)) if setups else " setup_latency_ms=-"
    print(line, flush=True)
    for s in slots:
        if s.last_error:
            print("ike-setup-vici: %s: last failure: %s" % (s.slot, s.last_error), file=sys.stderr)
    # the slot threads may be blocked in a request: leave without waiting for them
    sys.stdout.flush()
    import os
    os._exit(0)


if __name__ == "__main__":
    main()
