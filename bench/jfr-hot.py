#!/usr/bin/env python3
"""bench/jfr-hot.py - where the time went in a JFR recording of bench/ike-setup's ike4j responder.

    jfr print --json --events jdk.ExecutionSample FILE.jfr > exec.json
    bench/jfr-hot.py exec.json WINDOW_START_MS WINDOW_END_MS

Counts the execution samples inside the measurement window (the result line's window_start_ms
and window_end_ms): top frames, inclusive categories (key exchange, trace text, logging, MACs,
...), inclusive org.ike4j methods, the callers of String.format and of the trace rendering, and
the samples no category covers.
"""
import collections, datetime, json, sys
data = json.load(open(sys.argv[1]))
a, b = int(sys.argv[2]), int(sys.argv[3])
events = data["recording"]["events"]
def ms(t):
    # "2026-11-29T14:17:50.123456789Z"
    t = t.rstrip("Z")
    base, frac = (t.split(".") + ["0"])[:2]
    dt = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return dt.timestamp() * 1000 + int(frac[:3].ljust(3, "0"))
top = collections.Counter(); incl = collections.Counter(); threads = collections.Counter(); n = 0
cats = [
  ("X25519 (BouncyCastle rfc7748)", ["rfc7748", "rfc8032"]),
  ("MODP (BigInteger.modPow)", ["BigInteger.modPow", "oddModPow"]),
  ("trace text: toTree/render", [".toTree(", "Tree.render", "Tree$Builder", "TreeRenderer"]),
  ("Log / logging", ["daemon.log.", "Log.event"]),
  ("HMAC/PRF", ["JcaHmac", "Hmac", "prf"]),
  ("AES (Cipher)", ["com.sun.crypto.provider.AES", "CipherCore", "javax.crypto.Cipher"]),
  ("SecureRandom", ["SecureRandom", "NativePRNG", "DRBG"]),
  ("decode", ["Ikev2Decoder", "Decoder.decode"]),
  ("encode", [".encode("]),
  ("UDP send/receive", ["DatagramChannel", "sun.nio.ch"]),
  ("Snapshot/status", ["Snapshot", "Ikev2Status"]),
  ("String.format", ["java.util.Formatter"]),
  ("KDF prf+", ["kdf."]),
  ("TableDataplane", ["TableDataplane"]),
  ("TimerQueue", ["TimerQueue"]),
]
for e in events:
    v = e["values"]
    t = ms(v["startTime"])
    if not (a <= t < b):
        continue
    frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] + "(" for f in frames]
    th = v["sampledThread"]["javaName"] if v.get("sampledThread") else "?"
    threads[th] += 1
    n += 1
    if names:
        top[names[0]] += 1
    seen = set()
    for label, keys in cats:
        if any(k in nm for nm in names for k in keys):
            seen.add(label)
    for s in seen:
        incl[s] += 1
    # our own methods, inclusive, once per sample
    ours = set(nm for nm in names if nm.startswith("org.ike4j"))
    for o in ours:
        incl["  " + o] += 1
print("samples in window:", n)
print("threads:", threads.most_common(6))
print("\n-- top frames")
for k, c in top.most_common(25):
    print("%5d %5.1f%% %s" % (c, 100.0 * c / n, k))
print("\n-- inclusive categories")
for label, _ in cats:
    print("%5d %5.1f%% %s" % (incl[label], 100.0 * incl[label] / n, label))
print("\n-- inclusive org.ike4j methods")
for k, c in sorted(((k, c) for k, c in incl.items() if k.startswith("  ")), key=lambda x: -x[1])[:45]:
    print("%5d %5.1f%% %s" % (c, 100.0 * c / n, k.strip()))

def first_ours(names):
    for nm in names:
        if nm.startswith("org.ike4j"):
            return nm
    return "(none)"
fmt = collections.Counter(); other = collections.Counter(); deriv = collections.Counter()
for e in events:
    v = e["values"]
    t = ms(v["startTime"])
    if not (a <= t < b):
        continue
    frames = v["stackTrace"]["frames"] if v.get("stackTrace") else []
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] + "(" + str(f.get("lineNumber", "")) for f in frames]
    if any("java.util.Formatter" in nm for nm in names):
        fmt[first_ours(names)] += 1
    if any(".toTree(" in nm or "Tree.render" in nm for nm in names):
        # the engine line that asked for the tree
        for nm in names:
            if nm.startswith("org.ike4j.engine"):
                deriv[nm] += 1
                break
    if not any(k in nm for nm in names for _, keys in cats for k in keys):
        other[first_ours(names)] += 1
print("\n-- String.format callers (first org.ike4j frame, line)")
for k, c in fmt.most_common(8): print("%5d %s" % (c, k))
print("\n-- trace rendering: the engine frame that asked for it (line)")
for k, c in deriv.most_common(10): print("%5d %s" % (c, k))
print("\n-- uncategorised samples by first org.ike4j frame")
for k, c in other.most_common(20): print("%5d %s" % (c, k))
