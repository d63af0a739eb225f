package org.ike4j.engine.v1;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.config.Ikev1Mode;
import org.ike4j.config.PeerAddress;
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Operator;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.TimerKey;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.ExchangeType;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpHeader;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.NotifyType;
import org.ike4j.wire.v1.Payload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v1.ProtocolId;
import org.ike4j.wire.v1.RawHeader;

/**
 * The IKEv1 engine (RFC 2407, 2408, 2409): ISAKMP SAs found by their cookies, Main and Aggressive
 * Mode with pre-shared keys, Quick Mode, Informational exchanges, retransmissions. Events in,
 * actions out; no I/O, time and randomness injected.
 *
 * <p>A datagram's header is read first ({@link IsakmpCodec#peekHeader}) so that a message that
 * then fails to decode still finds its SA for the log; a Main or Aggressive Mode request with a
 * zero responder cookie creates a responder SA; anything else for an unknown SA is dropped with a
 * debug event.
 */
public final class Ikev1Engine implements Engine {
    static final Bytes ZERO_COOKIE = Bytes.wrap(new byte[8]);

    private Configuration configuration;
    private final List<InetAddress> localAddresses;
    private final Clock clock;
    private final SecureRandom random;
    private final Crypto crypto;
    private final Ikev1Options options;
    private final List<IsakmpSa> sas = new ArrayList<>();
    private int nextSerial = 1;
    /** Connections whose peer DPD declared dead under dpdaction=hold: up (or traffic) negotiates again. */
    private final java.util.Set<String> held = new java.util.LinkedHashSet<>();
    /** auto=route connections armed by the last reload: they negotiate when the dataplane sees traffic. */
    private final java.util.Set<String> routed = new java.util.LinkedHashSet<>();
    /** The version of each auto=start connection last started by a reload, so a reload starts it once. */
    private final java.util.Map<String, Connection> autoStarted = new java.util.HashMap<>();

    public Ikev1Engine(Configuration configuration, List<InetAddress> localAddresses, Clock clock, SecureRandom random,
            Crypto crypto, Ikev1Options options) {
        this.configuration = configuration;
        this.localAddresses = List.copyOf(localAddresses);
        this.clock = clock;
        this.random = random;
        this.crypto = crypto;
        this.options = options;
    }

    public Ikev1Engine(Configuration configuration, List<InetAddress> localAddresses, Clock clock, SecureRandom random,
            Crypto crypto) {
        this(configuration, localAddresses, clock, random, crypto, Ikev1Options.DEFAULTS);
    }

    // ---- services for the tasks

    Configuration configuration() {
        return configuration;
    }

    Crypto crypto() {
        return crypto;
    }

    Ikev1Options options() {
        return options;
    }

    SecureRandom secureRandom() {
        return random;
    }

    long now() {
        return clock.nowMillis();
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /**
     * When an SA of the given lifetime is renewed, as strongSwan's ipsec.conf(5) describes rekeymargin
     * and rekeyfuzz: {@code lifetime - margin - random(0, margin * fuzz / 100)}, drawn from the injected
     * random source so both ends (and two SAs of one connection) do not renew at the same moment, and
     * seeded tests stay deterministic. Any unit (seconds or milliseconds), the same for all three
     * values. A lifetime no longer than the margin gives 0 (no renewal); otherwise the fuzz never
     * brings the result below 1.
     */
    long rekeyTime(long lifetime, long margin, int fuzzPercent) {
        long base = lifetime - margin;
        if (base <= 0) {
            return 0;
        }
        long maxFuzz = margin / 100 * fuzzPercent + margin % 100 * fuzzPercent / 100;
        long fuzz = maxFuzz > 0 ? random.nextLong(maxFuzz + 1) : 0;
        return Math.max(1, base - fuzz);
    }

    /** A fresh SPI: random, 32 bits, never below 256 (RFC 4303 reserves 1..255). */
    int newSpi() {
        int spi;
        do {
            spi = random.nextInt();
        } while (Integer.compareUnsigned(spi, 256) < 0);
        return spi;
    }

    static Bytes cookies(IsakmpSa sa) {
        byte[] b = new byte[16];
        System.arraycopy(sa.initiatorCookie.toByteArray(), 0, b, 0, 8);
        System.arraycopy(sa.responderCookie.toByteArray(), 0, b, 8, 8);
        return Bytes.wrap(b);
    }

    static byte[] u32(int v) {
        return Ikev1Protection.Octets4.of(v);
    }

    TimerKey retransmitTimer(IsakmpSa sa, int messageId) {
        return new TimerKey("retransmit", "#" + sa.serial + "/" + String.format("%08x", messageId));
    }

    TimerKey halfOpenTimer(IsakmpSa sa) {
        return new TimerKey("half-open", "#" + sa.serial);
    }

    // ---- inputs

    @Override
    public List<Action> handle(Input input) {
        Outbox out = new Outbox(now());
        try {
            switch (input) {
                case Input.Datagram d -> datagram(d, out);
                case Input.TimerFired t -> timer(t.key(), out);
                case Input.Command c -> command(c.command(), out);
            }
        } catch (RuntimeException e) {
            out.report(Event.Level.ERROR, Event.Kind.OTHER, "", "", "internal error: " + e);
        }
        return out.actions;
    }

    private void datagram(Input.Datagram d, Outbox out) {
        byte[] data = d.data().toByteArray();
        String from = d.remote().getAddress().getHostAddress() + ":" + d.remote().getPort();
        if (data.length == 1 && (data[0] & 0xff) == 0xff) {
            return; // a NAT-keepalive (RFC 3948 2.3): it only keeps the NAT's mapping
        }
        RawHeader raw;
        try {
            raw = IsakmpCodec.peekHeader(data);
        } catch (DecodeException e) {
            out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, "", "",
                    "malformed datagram from " + from + ": " + describe(e));
            return;
        }
        IsakmpHeader h = raw.header();
        IsakmpSa sa = find(h, d.remote());
        IsakmpMessage msg;
        try {
            msg = IsakmpCodec.decode(data);
        } catch (DecodeException e) {
            out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa,
                    "malformed " + h.exchangeType().name() + " message (message ID " + String.format("%08x", h.messageId())
                            + ") from " + from + ": " + describe(e) + "; dropped, nothing changed");
            // an unencrypted Phase 1 message may be answered (RFC 2408 5.1); never once keys exist
            if (sa != null && !sa.established && !h.encrypted() && sa.protection == null && e.answer() != null) {
                sendNotify(out, sa, NotifyType.of(e.answer()), ProtocolId.PROTO_ISAKMP, cookies(sa), Bytes.EMPTY);
            }
            return;
        }
        if (sa == null) {
            int x = h.exchangeType().code();
            boolean phase1Request = (x == ExchangeType.ID_PROT.code() || x == ExchangeType.AGGRESSIVE.code())
                    && h.responderCookie().equals(ZERO_COOKIE) && h.messageId() == 0 && !h.encrypted();
            if (!phase1Request) {
                out.debug(null, "dropping " + h.exchangeType().name() + " message from " + from
                        + " for unknown ISAKMP SA " + h.initiatorCookie().hex() + "/" + h.responderCookie().hex());
                return;
            }
            IsakmpSa same = sas.stream().filter(s -> !s.initiator && s.initiatorCookie.equals(h.initiatorCookie())
                    && s.remote.getAddress().equals(d.remote().getAddress())).findFirst().orElse(null);
            if (same != null) {
                // the first message again, from another port (a replay, or the peer's retransmission after
                // the float to 4500): the initiator cookie is taken, so it starts nothing new
                out.debug(same, "dropping " + h.exchangeType().name() + " request from " + from
                        + " with the initiator cookie of ISAKMP SA #" + same.serial + " (replayed or retransmitted)");
                return;
            }
            sa = newResponder(d, h, out);
            if (sa == null) {
                return;
            }
        }
        sa.bytesIn += data.length;
        sa.packetsIn++;
        int mid = h.messageId();
        Transmission t = sa.transmissions.get(mid);
        if (t != null && t.lastReceived != null && t.lastReceived.equals(d.data())) {
            if (t.lastSent != null && t.lastSentIsReply) {
                out.debug(sa, "received a retransmission of message " + String.format("%08x", mid)
                        + ", answering with the stored response");
                emit(out, sa, t.lastSent);
            } else {
                out.debug(sa, "ignoring a retransmitted message " + String.format("%08x", mid));
            }
            return;
        }
        out.trace(sa, "received " + data.length + " bytes from " + from + "\n" + msg.tree().render());
        if (sa.initiator && sa.responderCookie.equals(ZERO_COOKIE) && !h.responderCookie().equals(ZERO_COOKIE)) {
            sa.responderCookie = h.responderCookie();
        }
        List<Payload> payloads;
        Ikev1Protection.Decrypted dec = null;
        if (msg instanceof EncryptedMessage em) {
            if (sa.protection == null) {
                out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa,
                        "encrypted message from " + from + " before keys were agreed; dropped");
                return;
            }
            try {
                dec = sa.protection.decrypt(mid, em.body().toByteArray());
                PayloadChain chain = IsakmpCodec.decodePayloads(em.firstPayload(), dec.plaintext());
                payloads = chain.payloads();
                out.trace(sa, "decrypted with IV " + Bytes.wrap(dec.iv()).hex() + "\n" + chain.tree().render());
            } catch (DecodeException | IllegalArgumentException e) {
                undecryptable(out, sa, h, e, d);
                return;
            }
        } else {
            payloads = ((PlainMessage) msg).payloads();
        }
        final IsakmpSa s = sa;
        final Ikev1Protection.Decrypted dd = dec;
        boolean[] done = {false};
        Runnable authentic = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            if (dd != null) {
                s.protection.commit(mid, dd.next());
            }
            if (!d.remote().equals(s.remote) || !d.local().equals(s.local)) {
                // only an authentic message moves the SA, as after a NAT-T float (RFC 3947 4)
                out.debug(s, "peer address changed from " + s.remote + " to " + d.remote());
                s.remote = d.remote();
                s.local = d.local();
                s.natT = d.natTraversalPort();
            }
            Transmission tt = s.transmission(mid);
            tt.lastReceived = d.data();
            tt.lastSentIsReply = false;
            if (tt.awaitingReply) {
                tt.awaitingReply = false;
                out.add(new Action.Cancel(retransmitTimer(s, mid)));
            }
        };
        Inbound in = new Inbound(h, payloads, dec != null, authentic, d.local(), d.remote());
        try {
            dispatch(sa, in, out);
        } catch (Ikev1Failure f) {
            failure(out, sa, in, f);
        }
    }

    private static String describe(DecodeException e) {
        return e.problem() + " (at offset " + e.offset() + ", " + e.field() + ")";
    }

    /** An encrypted message that does not decrypt to a payload chain: in Main Mode 5/6, the PSK. */
    private void undecryptable(Outbox out, IsakmpSa sa, IsakmpHeader h, Exception e, Input.Datagram d) {
        String why = e instanceof DecodeException de ? describe(de) : e.getMessage();
        boolean phase1 = h.messageId() == 0 && !sa.established;
        String line = h.exchangeType().name() + " message from " + sa.remote.getAddress().getHostAddress()
                + " does not decrypt to a valid payload chain: " + why;
        if (phase1) {
            line += "; probable pre-shared key mismatch";
        }
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, line);
        if (phase1) {
            // answered where it came from: the initiator has floated to 4500 with Main Mode 5
            // (RFC 3947 4); the SA itself stays where it was, an undecryptable message moves nothing
            InetSocketAddress local = sa.local;
            InetSocketAddress remote = sa.remote;
            boolean natT = sa.natT;
            if (d.remote().getAddress().equals(sa.remote.getAddress())) {
                sa.local = d.local();
                sa.remote = d.remote();
                sa.natT = d.natTraversalPort();
            }
            try {
                sendNotify(out, sa, NotifyType.PAYLOAD_MALFORMED, ProtocolId.PROTO_ISAKMP, cookies(sa), Bytes.EMPTY);
            } finally {
                sa.local = local;
                sa.remote = remote;
                sa.natT = natT;
            }
        }
    }

    private void dispatch(IsakmpSa sa, Inbound in, Outbox out) throws Ikev1Failure {
        int x = in.header().exchangeType().code();
        int mid = in.header().messageId();
        if (x == ExchangeType.ID_PROT.code() || x == ExchangeType.AGGRESSIVE.code()) {
            if (x != sa.exchange.code() || mid != 0) {
                ignore(out, sa, in.header().exchangeType().name() + " message on a " + sa.exchange.name() + " SA");
                return;
            }
            sa.phase1.process(in, out);
        } else if (x == ExchangeType.QUICK.code()) {
            if (!sa.established || !in.encrypted() || mid == 0) {
                ignore(out, sa, "Quick Mode message before Phase 1 completed, unencrypted, or with message ID 0");
                return;
            }
            QuickModeTask q = sa.quickModes.get(mid);
            if (q == null) {
                q = new QuickModeTask(this, sa, mid, false, null);
                sa.quickModes.put(mid, q);
            }
            q.process(in, out);
        } else if (x == ExchangeType.INFORMATIONAL.code()) {
            InformationalTask.process(this, sa, in, out);
        } else {
            throw new Ikev1Failure(NotifyType.INVALID_EXCHANGE_TYPE, "exchange type "
                    + in.header().exchangeType().name() + " is not supported");
        }
    }

    void ignore(Outbox out, IsakmpSa sa, String why) {
        out.debug(sa, "ignoring: " + why);
    }

    /** A failed negotiation: the line for the operator, the notify for the peer, the state cleaned. */
    private void failure(Outbox out, IsakmpSa sa, Inbound in, Ikev1Failure f) {
        int x = in.header().exchangeType().code();
        int mid = in.header().messageId();
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
        if (f.answer()) {
            if (x == ExchangeType.QUICK.code()) {
                sendNotify(out, sa, f.answerType(), ProtocolId.PROTO_IPSEC_ESP, Bytes.EMPTY, Bytes.EMPTY);
            } else {
                sendNotify(out, sa, f.answerType(), ProtocolId.PROTO_ISAKMP, cookies(sa), Bytes.EMPTY);
            }
        }
        if (x == ExchangeType.QUICK.code()) {
            removeQuickMode(out, sa, mid);
        } else if (!sa.established && !in.encrypted() && x != ExchangeType.INFORMATIONAL.code()) {
            // a plain Phase 1 message we can't go on with ends the half-open SA; an encrypted one
            // that failed may be a corruption, so the SA waits for a good retransmission
            removeSa(out, sa);
        }
    }

    void removeQuickMode(Outbox out, IsakmpSa sa, int mid) {
        sa.quickModes.remove(mid);
        Transmission t = sa.transmissions.remove(mid);
        if (t != null && t.awaitingReply) {
            out.add(new Action.Cancel(retransmitTimer(sa, mid)));
        }
        if (sa.protection != null) {
            sa.protection.forget(mid);
        }
    }

    private IsakmpSa find(IsakmpHeader h, InetSocketAddress from) {
        boolean zero = h.responderCookie().equals(ZERO_COOKIE);
        for (IsakmpSa sa : sas) {
            if (!sa.initiatorCookie.equals(h.initiatorCookie())) {
                continue;
            }
            if (sa.responderCookie.equals(h.responderCookie())) {
                return sa;
            }
            if (sa.initiator && sa.responderCookie.equals(ZERO_COOKIE)) {
                return sa;
            }
            if (!sa.initiator && zero && sa.remote.equals(from)) {
                return sa; // a retransmitted first message
            }
        }
        return null;
    }

    private IsakmpSa newResponder(Input.Datagram d, IsakmpHeader h, Outbox out) {
        String peer = d.remote().getAddress().getHostAddress();
        long halfOpen = sas.stream()
                .filter(s -> !s.initiator && !s.established && s.remote.getAddress().equals(d.remote().getAddress()))
                .count();
        if (halfOpen >= options.halfOpenPerPeer()) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, "", "",
                    "dropping a new " + h.exchangeType().name() + " request from " + peer + ": " + halfOpen
                            + " half-open ISAKMP SAs with this peer already (limit " + options.halfOpenPerPeer() + ")");
            return null;
        }
        Connection c = findConnection(d.local().getAddress(), d.remote().getAddress());
        if (c == null) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, "", "",
                    "no IKEv1 connection for " + d.local().getAddress().getHostAddress() + "..." + peer
                            + ": ignoring " + h.exchangeType().name() + " request");
            return null;
        }
        IsakmpSa sa = new IsakmpSa(nextSerial++, false, h.initiatorCookie(), newCookie(), d.local(), d.remote(),
                h.exchangeType());
        sa.connection = c;
        sa.createdAt = now();
        sa.tasks = new TaskManager(this, sa);
        sa.phase1 = h.exchangeType().code() == ExchangeType.ID_PROT.code() ? new MainModeTask(this, sa)
                : new AggressiveModeTask(this, sa);
        sas.add(sa);
        out.add(new Action.Schedule(halfOpenTimer(sa), now() + options.halfOpenTimeoutMillis()));
        out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "responding to " + h.exchangeType().name() + " request from "
                + peer + " for connection " + c.name());
        return sa;
    }

    private Connection findConnection(InetAddress local, InetAddress remote) {
        List<Connection> c = candidates(local, remote);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The IKEv1 connections for these addresses, the most specific first (exact address over %any). */
    List<Connection> candidates(InetAddress local, InetAddress remote) {
        List<Connection> out = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (Connection c : configuration.connections().values()) {
            if (c.ikeVersion() == IkeVersion.IKEV2) {
                continue;
            }
            int l = addressScore(c.local().address(), local);
            int r = addressScore(c.remote().address(), remote);
            if (l < 0 || r < 0) {
                continue;
            }
            int i = 0;
            while (i < scores.size() && scores.get(i) >= l + r) {
                i++;
            }
            out.add(i, c);
            scores.add(i, l + r);
        }
        return out;
    }

    private static int addressScore(PeerAddress configured, InetAddress a) {
        return switch (configured) {
            case PeerAddress.Any any -> 0;
            case PeerAddress.Ip ip -> ip.address().equals(a) ? 2 : -1;
            case PeerAddress.Hostname h -> -1;
        };
    }

    private Bytes newCookie() {
        byte[] c;
        do {
            c = randomBytes(8);
        } while (Bytes.wrap(c).equals(ZERO_COOKIE));
        return Bytes.wrap(c);
    }

    int newMessageId(IsakmpSa sa) {
        int m;
        do {
            m = random.nextInt();
        } while (m == 0 || sa.transmissions.containsKey(m) || sa.quickModes.containsKey(m));
        return m;
    }

    // ---- sending

    /** Encodes (and encrypts) a message, sends it, and arms the retransmission timer for a request. */
    void send(Outbox out, IsakmpSa sa, ExchangeType exchange, int messageId, List<Payload> payloads, boolean encrypt,
            boolean expectReply) {
        byte[] bytes = encode(out, sa, exchange, messageId, payloads, encrypt);
        Transmission t = sa.transmission(messageId);
        t.lastSent = Bytes.wrap(bytes);
        t.lastSentIsReply = t.lastReceived != null;
        t.sentInState = sa.state;
        if (expectReply) {
            t.awaitingReply = true;
            t.retransmits = 0;
            t.timeoutMillis = options.retransmitTimeoutMillis();
            out.add(new Action.Schedule(retransmitTimer(sa, messageId), now() + t.timeoutMillis));
        } else if (t.awaitingReply) {
            t.awaitingReply = false;
            out.add(new Action.Cancel(retransmitTimer(sa, messageId)));
        }
        emit(out, sa, t.lastSent);
    }

    byte[] encode(Outbox out, IsakmpSa sa, ExchangeType exchange, int messageId, List<Payload> payloads, boolean encrypt) {
        IsakmpHeader h = IsakmpHeader.of(sa.initiatorCookie, sa.responderCookie, exchange,
                encrypt ? IsakmpHeader.FLAG_ENCRYPTION : 0, messageId);
        // traced as plaintext, before encryption
        PlainMessage plain = new PlainMessage(IsakmpHeader.of(sa.initiatorCookie, sa.responderCookie, exchange, 0,
                messageId), payloads);
        out.trace(sa, "sending " + exchange.name() + " (" + sa.state + ")" + (encrypt ? " encrypted" : "") + " to "
                + sa.remote.getAddress().getHostAddress() + "\n" + plain.tree().render());
        if (!encrypt) {
            return IsakmpCodec.encode(plain);
        }
        PayloadChain chain = new PayloadChain(payloads, Bytes.EMPTY);
        byte[] iv = sa.protection.chain(messageId).iv();
        byte[] ct = sa.protection.encrypt(messageId, IsakmpCodec.encodePayloads(chain));
        out.trace(sa, "encrypted with " + Ikev1Algorithms.name(sa.cipher) + ", IV " + Bytes.wrap(iv).hex()
                + ", next IV " + Bytes.wrap(sa.protection.chain(messageId).iv()).hex());
        return IsakmpCodec.encode(new EncryptedMessage(h, chain.firstPayload(), Bytes.wrap(ct)));
    }

    void emit(Outbox out, IsakmpSa sa, Bytes bytes) {
        sa.bytesOut += bytes.length();
        sa.packetsOut++;
        out.add(new Action.Send(sa.local, sa.remote, bytes, sa.natT));
    }

    /** A notification: protected with HASH(1) once Phase 1 is up (RFC 2409 5.7), else in the clear. */
    void sendNotify(Outbox out, IsakmpSa sa, NotifyType type, ProtocolId protocol, Bytes spi, Bytes data) {
        var n = new org.ike4j.wire.v1.NotificationPayload(org.ike4j.wire.v1.Doi.IPSEC, protocol, spi, type, data);
        InformationalTask.send(this, out, sa, List.of(n));
        out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "sent " + type.name() + " notification to "
                + sa.remote.getAddress().getHostAddress());
    }

    // ---- timers

    private void timer(TimerKey key, Outbox out) {
        String owner = key.owner();
        int slash = owner.indexOf('/');
        int serial = Integer.parseInt(owner.substring(1, slash < 0 ? owner.length() : slash));
        IsakmpSa sa = sas.stream().filter(s -> s.serial == serial).findFirst().orElse(null);
        if (sa == null) {
            return;
        }
        if (key.purpose().equals("half-open")) {
            if (!sa.established) {
                out.report(Event.Level.INFO, Event.Kind.NEGOTIATION_FAILED, sa, "half-open ISAKMP SA with "
                        + sa.remote.getAddress().getHostAddress() + " timed out in " + sa.state);
                removeSa(out, sa);
            }
            return;
        }
        if (key.purpose().equals("ike-rekey")) {
            if (sa.established && !sa.rekeying) {
                rekeyIsakmpSa(sa, out);
            }
            return;
        }
        if (key.purpose().equals("ike-expire")) {
            IsakmpSa next = successor(sa);
            if (next != null) {
                moveChildren(sa, next, out);
            }
            InformationalTask.deleteAll(this, out, sa, "lifetime of " + sa.lifetimeSeconds + " s expired");
            removeSa(out, sa);
            return;
        }
        if (key.purpose().equals("rekey") || key.purpose().equals("expire")) {
            int childSerial = Integer.parseInt(owner.substring(owner.indexOf("/child") + 6));
            ChildState c = sa.children.stream().filter(x -> x.serial == childSerial).findFirst().orElse(null);
            if (c == null) {
                return;
            }
            if (key.purpose().equals("expire")) {
                deleteChild(out, sa, c, "hard lifetime of " + c.lifetimeSeconds + " s expired", true);
            } else if (sa.established && !c.rekeying) {
                c.rekeying = true;
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "rekeying IPsec SA " + c.sa.spis()
                        + " (soft lifetime reached)");
                Connection now = current(c.connection);
                startQuickMode(out, sa, now == null ? c.connection : now).ifPresent(q -> q.replaces(c));
            }
            return;
        }
        if (key.purpose().equals("keepalive")) {
            if (sa.established && sa.natT) {
                // RFC 3948 2.3: one 0xFF byte, no non-ESP marker
                out.add(new Action.Send(sa.local, sa.remote, Bytes.wrap(new byte[] {(byte) 0xff}), false));
                out.add(new Action.Schedule(key, now() + sa.connection.natKeepalive().toMillis()));
            }
            return;
        }
        if (key.purpose().equals("dpd")) {
            if (sa.established) {
                DpdTask.fire(this, sa, out);
            }
            return;
        }
        if (!key.purpose().equals("retransmit")) {
            return;
        }
        int mid = Integer.parseUnsignedInt(owner.substring(slash + 1), 16);
        Transmission t = sa.transmissions.get(mid);
        if (t == null || !t.awaitingReply) {
            return;
        }
        if (t.retransmits < options.retransmitTries()) {
            t.retransmits++;
            t.timeoutMillis = (long) (t.timeoutMillis * options.retransmitBase());
            out.debug(sa, "retransmit " + t.retransmits + " of message " + String.format("%08x", mid) + " ("
                    + t.sentInState + ")");
            emit(out, sa, t.lastSent);
            out.add(new Action.Schedule(key, now() + t.timeoutMillis));
            return;
        }
        t.awaitingReply = false;
        int tries = t.retransmits + 1;
        String line = "giving up: no answer from the peer " + sa.remote.getAddress().getHostAddress() + " after "
                + tries + " tries (" + t.sentInState + ")";
        if (mid != 0 && sa.established) {
            out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, line);
            removeQuickMode(out, sa, mid);
            return;
        }
        boolean again = sa.initiator && sa.keyingTriesLeft > 0;
        out.report(Event.Level.WARNING, Event.Kind.NEGOTIATION_FAILED, sa, line
                + (again ? "; starting keying try again (" + sa.keyingTriesLeft + " left)" : ""));
        removeSa(out, sa);
        if (again) {
            initiatePhase1(out, sa.connection, sa.keyingTriesLeft - 1);
        }
    }

    // ---- commands

    private void command(Operator op, Outbox out) {
        switch (op) {
            case Operator.Up up -> {
                held.remove(up.connection());
                up(up.connection(), out);
            }
            case Operator.Down down -> down(down.connection(), out);
            case Operator.Reload r -> reload(r.configuration(), out);
        }
    }

    /**
     * A new configuration, compared connection by connection with what the SAs were made from (the
     * way strongSwan's {@code ipsec update} treats ipsec.conf):
     * <ul>
     * <li>unchanged (equal {@link Connection}): its SAs are not touched;</li>
     * <li>removed (or no longer IKEv1): its SAs are deleted, with Delete payloads to the peer;</li>
     * <li>changed: its established SAs stay as negotiated until their lifetime ends; the renewals
     *     (Quick Mode and ISAKMP rekeys) and everything negotiated from now on use the new
     *     settings;</li>
     * <li>added: available for up and to peers at once; auto=start connections are initiated (once
     *     per version of the connection, unless an SA of theirs exists), auto=route ones armed
     *     (shown as routed; they negotiate when the dataplane reports traffic for them).</li>
     * </ul>
     * The daemon's first configuration arrives as a reload too, which starts its auto=start connections.
     */
    private void reload(Configuration next, Outbox out) {
        configuration = next;
        for (IsakmpSa sa : List.copyOf(sas)) {
            if (sa.connection == null || sa.deleted) {
                continue;
            }
            Connection now = current(sa.connection);
            if (now == null) {
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "connection " + sa.connectionName()
                        + " removed by reload: deleting its SAs");
                InformationalTask.deleteAll(this, out, sa, "connection removed by reload");
                removeSa(out, sa);
            } else if (!now.equals(sa.connection)) {
                out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "connection " + sa.connectionName()
                        + " changed by reload: its SAs keep their settings until renewed");
            }
        }
        held.removeIf(name -> current(name) == null);
        routed.clear();
        autoStarted.keySet().removeIf(name -> current(name) == null);
        for (Connection c : next.connections().values()) {
            if (c.ikeVersion() == IkeVersion.IKEV2) {
                continue;
            }
            switch (c.startAction()) {
                case START -> {
                    boolean hasSa = sas.stream().anyMatch(sa -> sa.connectionName().equals(c.name()));
                    if (!c.equals(autoStarted.get(c.name())) && !hasSa) {
                        autoStarted.put(c.name(), c);
                        out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", "auto=start: initiating " + c.name());
                        up(c.name(), out);
                    }
                }
                case ROUTE -> {
                    routed.add(c.name());
                    out.report(Event.Level.INFO, Event.Kind.OTHER, c.name(), "", "auto=route: " + c.name()
                            + " negotiates when traffic for it is seen");
                }
                default -> {
                }
            }
        }
    }

    /** The configuration's current version of a connection, or null if it is gone (or IKEv2 now). */
    Connection current(Connection c) {
        return current(c.name());
    }

    private Connection current(String name) {
        Connection c = configuration.connection(name).orElse(null);
        return c == null || c.ikeVersion() == IkeVersion.IKEV2 ? null : c;
    }

    /** dpdaction=hold: the SAs are gone, the connection stays on hold until up (or traffic). */
    void hold(Connection c, Outbox out) {
        held.add(c.name());
    }

    private void up(String name, Outbox out) {
        Connection c = configuration.connection(name).orElse(null);
        if (c == null || c.ikeVersion() == IkeVersion.IKEV2) {
            out.report(Event.Level.ERROR, Event.Kind.OTHER, name, "", "no IKEv1 connection named '" + name + "'");
            return;
        }
        for (IsakmpSa sa : sas) {
            if (sa.connection == c || sa.connection.name().equals(name)) {
                if (sa.established) {
                    startQuickMode(out, sa, c);
                    return;
                }
                if (sa.initiator) {
                    sa.pendingQuickModes.add(c);
                    return;
                }
            }
        }
        int tries = c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries();
        initiatePhase1(out, c, tries - 1);
    }

    private IsakmpSa initiatePhase1(Outbox out, Connection c, int triesLeft) {
        if (!(c.remote().address() instanceof PeerAddress.Ip rip)) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, c.name(), "",
                    "cannot initiate " + c.name() + ": the peer's address is " + c.remote().address());
            return null;
        }
        InetAddress local = c.local().address() instanceof PeerAddress.Ip lip ? lip.address()
                : localAddresses.stream().filter(a -> a.getAddress().length == rip.address().getAddress().length)
                        .findFirst().orElse(localAddresses.get(0));
        int lport = c.local().port() == 0 ? 500 : c.local().port();
        int rport = c.remote().port() == 0 ? 500 : c.remote().port();
        boolean aggressive = c.ikev1Mode() == Ikev1Mode.AGGRESSIVE;
        IsakmpSa sa = new IsakmpSa(nextSerial++, true, newCookie(), ZERO_COOKIE, new InetSocketAddress(local, lport),
                new InetSocketAddress(rip.address(), rport), aggressive ? ExchangeType.AGGRESSIVE : ExchangeType.ID_PROT);
        sa.connection = c;
        sa.createdAt = now();
        sa.keyingTriesLeft = triesLeft;
        sa.pendingQuickModes.add(c);
        sa.tasks = new TaskManager(this, sa);
        sa.phase1 = aggressive ? new AggressiveModeTask(this, sa) : new MainModeTask(this, sa);
        sas.add(sa);
        out.report(Event.Level.INFO, Event.Kind.OTHER, sa, "initiating " + (aggressive ? "Aggressive" : "Main")
                + " Mode to " + rip.address().getHostAddress() + " for connection " + c.name());
        try {
            sa.phase1.initiate(out);
        } catch (Ikev1Failure f) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
            removeSa(out, sa);
            return null;
        }
        return sa;
    }

    static TimerKey ikeTimer(String purpose, IsakmpSa sa) {
        return new TimerKey(purpose, "#" + sa.serial);
    }

    /** The ISAKMP SA's lifetime: the initiator renews it a margin before it ends; it is deleted at its end. */
    private void scheduleLifetime(IsakmpSa sa, Outbox out) {
        if (sa.lifetimeSeconds <= 0) {
            return;
        }
        long life = sa.lifetimeSeconds * 1000;
        long margin = Math.min(sa.connection.lifetimes().rekeyMargin().toMillis(), life / 10 * 9);
        if (sa.initiator && sa.connection.rekey()) {
            sa.renewAt = sa.establishedAt + rekeyTime(life, margin, sa.connection.lifetimes().rekeyFuzzPercent());
            out.add(new Action.Schedule(ikeTimer("ike-rekey", sa), sa.renewAt));
        }
        out.add(new Action.Schedule(ikeTimer("ike-expire", sa), sa.establishedAt + life));
    }

    /** A new Phase 1 for the same connection; the IPsec SAs move to it once it is up. */
    private void rekeyIsakmpSa(IsakmpSa old, Outbox out) {
        old.rekeying = true;
        out.report(Event.Level.INFO, Event.Kind.OTHER, old, "renewing the ISAKMP SA (lifetime " + old.lifetimeSeconds
                + " s ends in " + (old.establishedAt + old.lifetimeSeconds * 1000 - now()) / 1000 + " s)");
        Connection c = current(old.connection);
        IsakmpSa fresh = initiatePhase1(out, c == null ? old.connection : c, 0);
        if (fresh != null) {
            fresh.pendingQuickModes.clear();
            fresh.replaces = old;
        }
    }

    /** Another established ISAKMP SA of the same connection and peer, to take over IPsec SAs. */
    IsakmpSa successor(IsakmpSa sa) {
        for (IsakmpSa s : sas) {
            if (s != sa && s.established && !s.deleted && s.connectionName().equals(sa.connectionName())
                    && s.remote.getAddress().equals(sa.remote.getAddress())) {
                return s;
            }
        }
        return null;
    }

    /** Moves IPsec SAs to another ISAKMP SA (after a Phase 1 rekey), their timers with them. */
    void moveChildren(IsakmpSa from, IsakmpSa to, Outbox out) {
        for (ChildState c : List.copyOf(from.children)) {
            out.add(new Action.Cancel(childTimer("rekey", from, c)));
            out.add(new Action.Cancel(childTimer("expire", from, c)));
            from.children.remove(c);
            to.children.add(c);
            if (c.initiator && c.connection.rekey() && c.sa.softLifetimeSeconds() > 0) {
                out.add(new Action.Schedule(childTimer("rekey", to, c), c.installedAt + c.sa.softLifetimeSeconds() * 1000));
            }
            if (c.lifetimeSeconds > 0) {
                out.add(new Action.Schedule(childTimer("expire", to, c), c.installedAt + c.lifetimeSeconds * 1000));
            }
        }
    }

    static TimerKey childTimer(String purpose, IsakmpSa sa, ChildState c) {
        return new TimerKey(purpose, "#" + sa.serial + "/child" + c.serial);
    }

    /**
     * Removes one IPsec SA pair: from the dataplane, from the SA, its timers cancelled; with
     * {@code tellPeer} a Delete (RFC 2408 3.15, our inbound SPI) goes to the peer first.
     */
    void deleteChild(Outbox out, IsakmpSa sa, ChildState c, String reason, boolean tellPeer) {
        if (tellPeer && sa.established) {
            InformationalTask.send(this, out, sa, List.of(new org.ike4j.wire.v1.DeletePayload(org.ike4j.wire.v1.Doi.IPSEC,
                    ProtocolId.PROTO_IPSEC_ESP, 4, List.of(Bytes.wrap(u32(c.sa.inboundSpi()))))));
        }
        out.add(new Action.DeleteChildSa(c.sa, reason));
        out.add(new Action.Cancel(childTimer("rekey", sa, c)));
        out.add(new Action.Cancel(childTimer("expire", sa, c)));
        sa.children.remove(c);
        out.report(Event.Level.INFO, Event.Kind.CHILD_SA_DELETED, sa, "IPsec SA " + c.sa.spis() + " deleted: " + reason);
    }

    /**
     * Both peers renewed the ISAKMP SA at once, so two new ones stand for the old one. Both ends decide
     * alike from the cookies both know: the SA with the lower initiator cookie (unsigned) stays; the end
     * that initiated the other moves its IPsec SAs to the survivor and deletes it with a Delete payload
     * (the peer moves its IPsec SAs the same way when the Delete arrives). An SA we are renewing
     * ourselves is not counted: it goes once its successor is up. Returns the SA to carry on with:
     * {@code sa}, or the survivor if {@code sa} was the duplicate.
     */
    private IsakmpSa resolveIsakmpCollision(IsakmpSa sa, Outbox out) {
        for (IsakmpSa other : List.copyOf(sas)) {
            if (other == sa || !other.established || other.deleted || other.rekeying || sa.rekeying
                    || !other.connectionName().equals(sa.connectionName())
                    || !other.remote.getAddress().equals(sa.remote.getAddress())) {
                continue;
            }
            IsakmpSa loser = java.util.Arrays.compareUnsigned(sa.initiatorCookie.toByteArray(),
                    other.initiatorCookie.toByteArray()) < 0 ? other : sa;
            IsakmpSa winner = loser == sa ? other : sa;
            if (!loser.initiator) {
                continue; // the peer initiated it and deletes it
            }
            out.report(Event.Level.INFO, Event.Kind.OTHER, winner, "ISAKMP SA collision: #" + winner.serial + " ("
                    + winner.name() + ") stays (lower initiator cookie), #" + loser.serial + " (" + loser.name()
                    + ") goes");
            moveChildren(loser, winner, out);
            InformationalTask.deleteAll(this, out, loser, "duplicate from a renewal collision");
            removeSa(out, loser);
            if (loser == sa) {
                return winner;
            }
        }
        return sa;
    }

    /** dpdaction=restart: negotiate the connection again from the start. */
    void restart(Connection c, Outbox out) {
        int tries = c.keyingTries() <= 0 ? Integer.MAX_VALUE : c.keyingTries();
        initiatePhase1(out, c, tries - 1);
    }

    /** Called by Phase 1 tasks when the ISAKMP SA is up: start the Quick Modes waiting for it. */
    void phase1Established(IsakmpSa sa, Outbox out) {
        held.remove(sa.connectionName());
        DpdTask.start(this, sa, out);
        if (sa.natLocal && sa.natT && sa.connection.natKeepalive().toMillis() > 0) {
            // behind a NAT: keep its mapping for port 4500 open (RFC 3947 4, RFC 3948 2.3)
            out.add(new Action.Schedule(ikeTimer("keepalive", sa), now() + sa.connection.natKeepalive().toMillis()));
        }
        scheduleLifetime(sa, out);
        IsakmpSa old = sa.replaces;
        sa.replaces = null;
        if (old != null && !old.deleted) {
            moveChildren(old, sa, out);
            out.report(Event.Level.INFO, Event.Kind.IKE_SA_REKEYED, sa, "ISAKMP SA #" + old.serial + " ("
                    + old.name() + ") renewed as #" + sa.serial);
            InformationalTask.deleteAll(this, out, old, "renewed");
            removeSa(out, old);
        }
        IsakmpSa survivor = resolveIsakmpCollision(sa, out);
        List<Connection> pending = List.copyOf(sa.pendingQuickModes);
        sa.pendingQuickModes.clear();
        for (Connection c : pending) {
            startQuickMode(out, survivor, c);
        }
    }

    private java.util.Optional<QuickModeTask> startQuickMode(Outbox out, IsakmpSa sa, Connection c) {
        int mid = newMessageId(sa);
        QuickModeTask q = new QuickModeTask(this, sa, mid, true, c);
        sa.quickModes.put(mid, q);
        try {
            q.initiate(out);
            return java.util.Optional.of(q);
        } catch (Ikev1Failure f) {
            out.report(Event.Level.ERROR, Event.Kind.NEGOTIATION_FAILED, sa, f.getMessage());
            removeQuickMode(out, sa, mid);
            return java.util.Optional.empty();
        }
    }

    /** Whether no other ISAKMP SA with this peer exists: then we send INITIAL-CONTACT. */
    boolean firstContact(IsakmpSa sa) {
        return sas.stream().noneMatch(s -> s != sa && s.established && s.remote.getAddress().equals(sa.remote.getAddress()));
    }

    /** INITIAL-CONTACT received (RFC 2407 4.6.3.3): older SAs with this peer are stale; drop them. */
    void initialContact(IsakmpSa sa, Outbox out) {
        for (IsakmpSa old : List.copyOf(sas)) {
            if (old != sa && old.remote.getAddress().equals(sa.remote.getAddress())
                    && java.util.Objects.equals(old.remoteIdentity, sa.remoteIdentity)) {
                for (ChildState c : List.copyOf(old.children)) {
                    deleteChild(out, old, c, "INITIAL-CONTACT from the peer", false);
                }
                out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, old,
                        "ISAKMP SA deleted: INITIAL-CONTACT from the peer on ISAKMP SA #" + sa.serial);
                removeSa(out, old);
            }
        }
    }

    private void down(String name, Outbox out) {
        boolean any = false;
        for (IsakmpSa sa : List.copyOf(sas)) {
            if (sa.connection != null && sa.connection.name().equals(name)) {
                any = true;
                InformationalTask.deleteAll(this, out, sa, "operator down");
                removeSa(out, sa);
            }
        }
        if (!any) {
            out.report(Event.Level.INFO, Event.Kind.OTHER, name, "", "no SA of '" + name + "' to take down");
        }
    }

    /** Forgets an ISAKMP SA: timers cancelled, keys wiped. Its IPsec SAs must be handled by the caller. */
    void removeSa(Outbox out, IsakmpSa sa) {
        sa.deleted = true;
        sas.remove(sa);
        for (Transmission t : sa.transmissions.values()) {
            if (t.awaitingReply) {
                out.add(new Action.Cancel(retransmitTimer(sa, t.messageId)));
            }
        }
        if (!sa.initiator) {
            out.add(new Action.Cancel(halfOpenTimer(sa)));
        }
        if (sa.established && sa.connection.dpd().enabled()) {
            out.add(new Action.Cancel(DpdTask.timer(sa)));
        }
        if (sa.established && sa.natLocal) {
            out.add(new Action.Cancel(ikeTimer("keepalive", sa)));
        }
        if (sa.established && sa.lifetimeSeconds > 0) {
            out.add(new Action.Cancel(ikeTimer("ike-rekey", sa)));
            out.add(new Action.Cancel(ikeTimer("ike-expire", sa)));
        }
        sa.destroySecrets();
    }

    List<IsakmpSa> sas() {
        return sas;
    }

    // ---- status

    @Override
    public Snapshot snapshot() {
        return Ikev1Status.snapshot(now(), configuration, sas, held, routed);
    }

    int nextChildSerial() {
        return nextSerial++;
    }
}
