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
import org.ike4j.crypto.Crypto;
import org.ike4j.engine.Action;
import org.ike4j.engine.Candidates;
import org.ike4j.engine.Draws;
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
    final Ikev1Lifecycle lifecycle = new Ikev1Lifecycle(this);
    final Ikev1Commands commands = new Ikev1Commands(this);

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

    void configuration(Configuration next) {
        configuration = next;
    }

    List<InetAddress> localAddresses() {
        return localAddresses;
    }

    int nextSerial() {
        return nextSerial++;
    }

    // delegates for the tasks: the SA lifecycle and the commands live in their own classes

    void deleteChild(Outbox out, IsakmpSa sa, ChildState c, String reason, boolean tellPeer) {
        lifecycle.deleteChild(out, sa, c, reason, tellPeer);
    }

    void deleteChild(Outbox out, IsakmpSa sa, ChildState c, String reason, boolean tellPeer, boolean hold) {
        lifecycle.deleteChild(out, sa, c, reason, tellPeer, hold);
    }

    void removeSa(Outbox out, IsakmpSa sa) {
        lifecycle.removeSa(out, sa);
    }

    IsakmpSa successor(IsakmpSa sa) {
        return lifecycle.successor(sa);
    }

    void moveChildren(IsakmpSa from, IsakmpSa to, Outbox out) {
        lifecycle.moveChildren(from, to, out);
    }

    void restart(Connection c, Outbox out) {
        lifecycle.restart(c, out);
    }

    void phase1Established(IsakmpSa sa, Outbox out) {
        lifecycle.phase1Established(sa, out);
    }

    void hold(Connection c, Outbox out) {
        commands.hold(c, out);
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
        return Draws.bytes(random, n);
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
        return Draws.rekeyTime(random, lifetime, margin, fuzzPercent);
    }

    /** A fresh SPI: random, 32 bits, never below 256 (RFC 4303 reserves 1..255). */
    int newSpi() {
        return Draws.childSpi(random);
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
                case Input.TimerFired t -> lifecycle.timer(t.key(), out);
                case Input.Command c -> commands.command(c.command(), out);
                case Input.Acquire a -> commands.acquire(a.connection(), out);
                case Input.Expire e -> lifecycle.volume(e.inboundSpi(), e.hard(), e.reason(), out);
                case Input.Computed c -> out.debug(null, "ignoring the result of " + c.key() + ": IKEv1 asks for none");
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
        if (sa.initiator && sa.responderCookie.equals(ZERO_COOKIE) && !h.responderCookie().equals(ZERO_COOKIE)) {
            sa.responderCookie = h.responderCookie();
        }
        out.trace(sa, mid, Outbox.Direction.IN, "received " + data.length + " bytes from " + from + " to "
                + d.local().getAddress().getHostAddress() + ":" + d.local().getPort() + "\n" + msg.tree().render());
        List<Payload> payloads;
        Ikev1Protection.Decrypted dec = null;
        if (msg instanceof EncryptedMessage em) {
            if (sa.protection == null) {
                out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa,
                        "encrypted message from " + from + " before keys were agreed; dropped");
                return;
            }
            try {
                tracePhase2Iv(out, sa, mid, Outbox.Direction.IN);
                dec = sa.protection.decrypt(mid, em.body().toByteArray());
                PayloadChain chain = IsakmpCodec.decodePayloads(em.firstPayload(), dec.plaintext());
                payloads = chain.payloads();
                out.trace(sa, mid, Outbox.Direction.IN, "decrypted " + em.body().length() + " bytes with "
                        + Ikev1Algorithms.name(sa.cipher) + ", IV " + Bytes.wrap(dec.iv()).hex() + ", next IV "
                        + Bytes.wrap(dec.next().iv()).hex() + "\n" + chain.tree().render());
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

    /** The engine only finds the SA; its task manager decides which task the message is for. */
    private void dispatch(IsakmpSa sa, Inbound in, Outbox out) throws Ikev1Failure {
        sa.tasks.process(in, out);
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
        sa.tasks.removeQuickMode(mid);
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
        sa.tasks = new TaskManager(this, sa, h.exchangeType());
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
        return Candidates.forAddresses(configuration, local, remote, c -> c.ikeVersion() != IkeVersion.IKEV2);
    }

    Bytes newCookie() {
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
        } while (m == 0 || sa.transmissions.containsKey(m) || sa.tasks.hasQuickMode(m));
        return m;
    }

    // ---- sending

    /** Encodes (and encrypts) a message, sends it, and arms the retransmission timer for a request. */
    void send(Outbox out, IsakmpSa sa, ExchangeType exchange, int messageId, List<Payload> payloads, boolean encrypt,
            boolean expectReply) {
        send(out, sa, exchange, messageId, payloads, encrypt, expectReply, sa.state);
    }

    /** As above; {@code state} names the exchange's state in the trace (a Quick Mode's own, QUICK_I1...). */
    void send(Outbox out, IsakmpSa sa, ExchangeType exchange, int messageId, List<Payload> payloads, boolean encrypt,
            boolean expectReply, String state) {
        byte[] bytes = encode(out, sa, exchange, messageId, payloads, encrypt, state);
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
        return encode(out, sa, exchange, messageId, payloads, encrypt, sa.state);
    }

    byte[] encode(Outbox out, IsakmpSa sa, ExchangeType exchange, int messageId, List<Payload> payloads, boolean encrypt,
            String state) {
        IsakmpHeader h = IsakmpHeader.of(sa.initiatorCookie, sa.responderCookie, exchange,
                encrypt ? IsakmpHeader.FLAG_ENCRYPTION : 0, messageId);
        // traced as plaintext, before encryption
        PlainMessage plain = new PlainMessage(IsakmpHeader.of(sa.initiatorCookie, sa.responderCookie, exchange, 0,
                messageId), payloads);
        if (encrypt) {
            tracePhase2Iv(out, sa, messageId, Outbox.Direction.OUT);
        }
        out.trace(sa, messageId, Outbox.Direction.OUT, "sending " + exchange.name() + " (" + state + ")"
                + (encrypt ? " encrypted" : "") + " to " + sa.remote.getAddress().getHostAddress() + ":"
                + sa.remote.getPort() + "\n" + plain.tree().render());
        if (!encrypt) {
            byte[] bytes = IsakmpCodec.encode(plain);
            out.trace(sa, messageId, Outbox.Direction.OUT, "message of " + bytes.length + " bytes");
            return bytes;
        }
        PayloadChain chain = new PayloadChain(payloads, Bytes.EMPTY);
        byte[] iv = sa.protection.chain(messageId).iv();
        byte[] plaintext = IsakmpCodec.encodePayloads(chain);
        byte[] ct = sa.protection.encrypt(messageId, plaintext);
        byte[] bytes = IsakmpCodec.encode(new EncryptedMessage(h, chain.firstPayload(), Bytes.wrap(ct)));
        out.trace(sa, messageId, Outbox.Direction.OUT, "encrypted " + plaintext.length + " bytes (+"
                + (ct.length - plaintext.length) + " padding) with " + Ikev1Algorithms.name(sa.cipher) + ", IV "
                + Bytes.wrap(iv).hex() + ", next IV " + Bytes.wrap(sa.protection.chain(messageId).iv()).hex()
                + "; message of " + bytes.length + " bytes");
        return bytes;
    }

    /**
     * The first IV of a Phase 2 or Informational exchange, RFC 2409 appendix B:
     * hash(last Phase 1 CBC block | M-ID), truncated to the block size; traced once, when the
     * exchange's first message is encrypted or decrypted (pluto's "last Phase 1 IV" and
     * "computed Phase 2 IV").
     */
    private static void tracePhase2Iv(Outbox out, IsakmpSa sa, int messageId, Outbox.Direction direction) {
        if (sa.protection == null || sa.protection.started(messageId) || !sa.protection.phase1Done()) {
            return;
        }
        byte[] last = sa.protection.lastPhase1Iv();
        byte[] iv = sa.protection.chain(messageId).iv();
        out.trace(sa, messageId, direction, "last Phase 1 IV: " + Bytes.wrap(last).hex() + ", Phase 2 IV: "
                + Bytes.wrap(iv).hex() + " = " + sa.hash.name() + "(last Phase 1 IV | M-ID " + String.format("%08x",
                messageId) + ")");
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

    // ---- commands

    static TimerKey ikeTimer(String purpose, IsakmpSa sa) {
        return new TimerKey(purpose, "#" + sa.serial);
    }

    static TimerKey childTimer(String purpose, IsakmpSa sa, ChildState c) {
        return new TimerKey(purpose, "#" + sa.serial + "/child" + c.serial);
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

    List<IsakmpSa> sas() {
        return sas;
    }

    // ---- status

    @Override
    public Snapshot snapshot() {
        return Ikev1Status.snapshot(now(), configuration, sas, commands.held, commands.routed);
    }

    int nextChildSerial() {
        return nextSerial++;
    }
}
