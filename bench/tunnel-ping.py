#!/usr/bin/env python3
"""ICMP echo for bench/tunnel (the machine has no ping): tunnel-ping.py SRC DST COUNT INTERVAL

Sends COUNT echo requests (RFC 792) from SRC to DST over a raw socket, INTERVAL seconds apart,
and prints "sent received min/avg/max" with the round-trip times in milliseconds. Needs root.
Exit status 0 if at least one reply came back.
"""
import os
import socket
import struct
import sys
import time


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def main() -> int:
    src, dst, count, interval = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    ident = os.getpid() & 0xFFFF
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.bind((src, 0))
    rtts = []
    for seq in range(1, count + 1):
        payload = struct.pack("!d", time.perf_counter()) + bytes(48)
        header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
        packet = struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, seq) + payload
        sent_at = time.perf_counter()
        sock.sendto(packet, (dst, 0))
        deadline = sent_at + 1.0
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            sock.settimeout(left)
            try:
                reply, addr = sock.recvfrom(2048)
            except socket.timeout:
                break
            ihl = (reply[0] & 0x0F) * 4
            if len(reply) < ihl + 8 or addr[0] != dst:
                continue
            rtype, _, _, rid, rseq = struct.unpack("!BBHHH", reply[ihl:ihl + 8])
            if rtype == 0 and rid == ident and rseq == seq:
                rtts.append((time.perf_counter() - sent_at) * 1000.0)
                break
        rest = interval - (time.perf_counter() - sent_at)
        if rest > 0 and seq < count:
            time.sleep(rest)
    if rtts:
        print("%d %d %.3f/%.3f/%.3f" % (count, len(rtts), min(rtts), sum(rtts) / len(rtts), max(rtts)))
        return 0
    print("%d 0 -" % count)
    return 1


if __name__ == "__main__":
    sys.exit(main())
