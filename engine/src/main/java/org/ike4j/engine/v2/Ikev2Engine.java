package org.ike4j.engine.v2;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.ike4j.config.Configuration;
import org.ike4j.config.Connection;
import org.ike4j.config.IkeVersion;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.DhGroup;
import org.ike4j.crypto.KeyExchange;
import org.ike4j.crypto.KeyExchangeSource;
import org.ike4j.engine.Action;
import org.ike4j.engine.Candidates;
import org.ike4j.engine.Draws;
import org.ike4j.engine.Clock;
import org.ike4j.engine.Engine;
import org.ike4j.engine.Event;
import org.ike4j.engine.Input;
import org.ike4j.engine.Snapshot;
import org.ike4j.engine.TimerKey;
import org.ike4j.engine.v2.protection.FragmentReassembler;
import org.ike4j.engine.v2.protection.Unprotected;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v2.ExchangeType;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.NotifyType;
import org.ike4j.wire.v2.Payload;

/**
 * The IKEv2 engine (RFC 7296): IKE SAs found by their SPIs, IKE_SA_INIT and IKE_AUTH with
 * pre-shared keys and the first Child SA, CREATE_CHILD_SA, INFORMATIONAL (delete, liveness),
 * message IDs with a window of one, retransmissions, NAT detection and the move to port 4500,
 * COOKIE challenges and IKE fragmentation. Events in, actions out; no I/O, time and randomness
 * injected.
 *
 * <p>The exchanges live in their own classes ({@link IkeSaInit}, {@link IkeAuth},
 * {@link CreateChildSa}, {@link IkeSaRekey}, {@link Informational}); this class reads datagrams, finds the SA, checks
 * message IDs, protects and sends, and runs the timers.
 */
public final class Ikev2Engine implements Engine {
    /** Timer owners start with this, so a dispatcher can route them (the IKEv1 engine's start with '#'). */
    public static final String TIMER_PREFIX = "v2#";
    static final int NATT_PORT = 4500;
    /** Datagrams kept for an SA whose keys are being computed: an IKE_AUTH request in fragments (RFC 7383). */
    static final int MAX_HELD_FOR_KEYS = 32;

    private Configuration configuration;
    private final List<InetAddress> localAddresses;
    private final Clock clock;
    private final SecureRandom random;
    private final Crypto crypto;
    private final KeyExchangeSource keyExchanges;
    private final Ikev2Options options;
    private final List<IkeSa> sas = new ArrayList<>();
    private int nextSerial = 1;
    private int nextReqid = 1;
    final byte[] cookieSecret;
    final Ikev2Commands commands = new Ikev2Commands(this);
    final Ikev2Lifecycle lifecycle = new Ikev2Lifecycle(this);
    private final InvalidIkeSpi invalidIkeSpi = new InvalidIkeSpi(this);

    /**
     * An engine whose ephemeral key pairs come from {@code keyExchanges} (the daemon: a pool that
     * generates them on worker threads ahead of need) rather than being generated on the caller's
     * thread; everything else as {@link #Ikev2Engine(Configuration, List, Clock, SecureRandom, Crypto,
     * Ikev2Options)}.
     */
    public Ikev2Engine(Configuration configuration, List<InetAddress> localAddresses, Clock clock, SecureRandom random,
            Crypto crypto, KeyExchangeSource keyExchanges, Ikev2Options options) {
        this.configuration = configuration;
        this.localAddresses = List.copyOf(localAddresses);
        this.clock = clock;
        this.random = random;
        this.crypto = crypto;
        this.keyExchanges = java.util.Objects.requireNonNull(keyExchanges);
        this.options = options;
        this.nextSerial = options.firstSerial();
        this.cookieSecret = new byte[32];
        random.nextBytes(cookieSecret);
    }

    /** Key pairs generated when needed, from {@code crypto} and {@code random}. */
    public Ikev2Engine(Configuration configuration, List<InetAddress> localAddresses, Clock clock, SecureRandom random,
            Crypto crypto, Ikev2Options options) {
        this(configuration, localAddresses, clock, random, crypto, KeyExchangeSource.inline(crypto, random), options);
    }

    public Ikev2Engine(Configuration configuration, List<InetAddress> localAddresses, Clock clock, SecureRandom random,
            Crypto crypto) {
        this(configuration, localAddresses, clock, random, crypto, Ikev2Options.DEFAULTS);
    }

    // ---- services for the exchanges

    Configuration configuration() {
        return configuration;
    }

    void configuration(Configuration next) {
        configuration = next;
    }

    List<InetAddress> localAddresses() {
        return localAddresses;
    }

    Crypto crypto() {
        return crypto;
    }

    /** A fresh ephemeral key pair of {@code g} for one KE payload, from the injected source. */
    KeyExchange newKeyExchange(DhGroup g) {
        return keyExchanges.next(g);
    }

    Ikev2Options options() {
        return options;
    }

    SecureRandom random() {
        return random;
    }

    long now() {
        return clock.nowMillis();
    }

    List<IkeSa> sas() {
        return sas;
    }

    int nextSerial() {
        return nextSerial++;
    }

    int nextReqid() {
        return nextReqid++;
    }

    byte[] randomBytes(int n) {
        return Draws.bytes(random, n);
    }

    /** A fresh IKE SPI: random, never zero, not in use. */
    long newIkeSpi() {
        while (true) {
            long spi = random.nextLong();
            if (spi != 0 && sas.stream().noneMatch(s -> s.spiI == spi || s.spiR == spi)) {
                return spi;
            }
        }
    }

    /** A fresh Child SA SPI: random, 32 bits, never below 256 (RFC 4303 reserves 1..255). */
    int newChildSpi() {
        return Draws.childSpi(random);
    }

    /**
     * As the IKEv1 engine: {@code lifetime - margin - random(0, margin * fuzz / 100)}, 0 for none;
     * but never earlier than half of {@code lifetime - margin}, so that a margin and fuzz as large
     * as the lifetime (ikelifetime=10m with the default 9m margin and 100% fuzz) cannot renew an
     * SA the moment it is up, and its successor again, without end.
     */
    long rekeyTime(long lifetime, long margin, int fuzzPercent) {
        long t = Draws.rekeyTime(random, lifetime, margin, fuzzPercent);
        return t == 0 ? 0 : Math.max((lifetime - margin) / 2, t);
    }

    static TimerKey timer(String purpose, IkeSa sa) {
        return new TimerKey(purpose, TIMER_PREFIX + sa.serial);
    }

    static TimerKey childTimer(String purpose, IkeSa sa, ChildState c) {
        return new TimerKey(purpose, TIMER_PREFIX + sa.serial + "/child" + c.serial);
    }

    static TimerKey retransmitTimer(IkeSa sa, long mid) {
        return new TimerKey("retransmit", TIMER_PREFIX + sa.serial + "/" + mid);
    }

    // ---- inputs

    @Override
    public List<Action> handle(Input input) {
        Outbox out = new Outbox(now(), options.trace().getAsBoolean());
        try {
            switch (input) {
                case Input.Datagram d -> datagram(d, out);
                case Input.TimerFired t -> lifecycle.timer(t.key(), out);
                case Input.Command c -> commands.command(c.command(), out);
                case Input.Acquire a -> commands.acquire(a.connection(), out);
                case Input.Expire e -> lifecycle.volume(e.inboundSpi(), e.hard(), e.reason(), out);
                case Input.Computed c -> IkeSaInit.keysComputed(this, c, out);
            }
        } catch (RuntimeException e) {
            out.report(Event.Level.ERROR, Event.Kind.OTHER, "", "", "internal error: " + e);
        }
        return out.actions;
    }

    void datagram(Input.Datagram d, Outbox out) {
        byte[] data = d.data().toByteArray();
        String from = d.remote().getAddress().getHostAddress() + ":" + d.remote().getPort();
        if (data.length == 1 && (data[0] & 0xff) == 0xff) {
            return; // a NAT-keepalive (RFC 3948 2.3)
        }
        Ikev2Message msg;
        try {
            msg = Ikev2Decoder.decode(data);
        } catch (DecodeException e) {
            out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, "", "", "malformed IKEv2 datagram from " + from
                    + ": " + e.problem() + " (at offset " + e.offset() + ", " + e.field() + "); dropped");
            return;
        }
        Ikev2Header h = msg.header();
        IkeSa sa = find(h, d.remote());
        if (sa == null) {
            if (h.exchangeType().code() == ExchangeType.IKE_SA_INIT.code() && !h.isResponse() && h.responderSpi() == 0
                    && h.messageId() == 0) {
                IkeSaInit.respond(this, d, msg, out);
            } else {
                invalidIkeSpi.unknownSa(d, msg, out);
            }
            return;
        }
        if (h.isResponse() && h.exchangeType().code() != ExchangeType.IKE_SA_INIT.code()
                && InvalidIkeSpi.isNotification(msg)) {
            invalidIkeSpi.received(sa, h, d, out);
            return;
        }
        sa.bytesIn += data.length;
        sa.packetsIn++;
        if (h.exchangeType().code() == ExchangeType.IKE_SA_INIT.code()) {
            if (h.isResponse() && sa.initiator && sa.state == IkeSa.State.INIT_SENT && !sa.keysPending) {
                out.trace(sa, h.messageId(), Outbox.Direction.IN, () -> "received " + data.length + " bytes from " + from
                        + "\n" + msg.toTree().render());
                if (sa.outstanding != null) {
                    out.add(new Action.Cancel(retransmitTimer(sa, sa.outstanding.messageId)));
                    sa.outstanding = null;
                }
                sa.lastHeardAt = now();
                IkeSaInit.processResponse(this, sa, d, msg, out);
            } else if (!h.isResponse() && !sa.initiator && sa.state == IkeSa.State.INIT_ANSWERED && sa.lastResponseId == 0) {
                out.debug(sa, "received a retransmitted IKE_SA_INIT request, answering with the stored response");
                resend(out, sa, sa.lastResponse);
            } else {
                out.debug(sa, "ignoring an IKE_SA_INIT message in state " + sa.state);
            }
            return;
        }
        if (sa.protection == null && sa.keysPending && sa.heldForKeys.size() < MAX_HELD_FOR_KEYS) {
            // counted again when handled
            sa.bytesIn -= data.length;
            sa.packetsIn--;
            out.debug(sa, "holding " + h.exchangeType().name() + " from " + from + " until the keys are computed");
            sa.heldForKeys.add(d);
            return;
        }
        if (sa.protection == null) {
            out.debug(sa, "dropping " + h.exchangeType().name() + " from " + from + " before keys were agreed");
            return;
        }
        if (!h.isResponse() && h.messageId() == sa.lastResponseId && !sa.lastResponse.isEmpty()
                && h.messageId() == sa.expectedRequestId - 1) {
            // a retransmitted request (2.1): answered from the stored response, processed once
            if (!(msg.payloads().getLast() instanceof org.ike4j.wire.v2.EncryptedFragmentPayload f) || f.fragmentNumber() == 1) {
                out.debug(sa, "received a retransmission of request " + h.messageId() + ", answering with the stored response");
                resend(out, sa, sa.lastResponse);
            }
            return;
        }
        Unprotected u = sa.protection.open(data);
        switch (u) {
            case Unprotected.Message m -> {
                out.trace(sa, h.messageId(), Outbox.Direction.IN, () -> "received " + data.length + " bytes from " + from
                        + ", decrypted:\n" + new Ikev2Message(h, m.inner()).toTree().render());
                protectedMessage(sa, h, m.inner(), d, out);
            }
            case Unprotected.Fragment f -> {
                switch (sa.reassembler.add(f)) {
                    case FragmentReassembler.Complete c -> {
                        List<Payload> inner = FragmentReassembler.payloads(c);
                        out.debug(sa, "reassembled " + f.total() + " fragments of message " + h.messageId()
                                + " (RFC 7383)");
                        out.trace(sa, h.messageId(), Outbox.Direction.IN, () -> "decrypted:\n"
                                + new Ikev2Message(h, inner).toTree().render());
                        protectedMessage(sa, h, inner, d, out);
                    }
                    case FragmentReassembler.Pending p -> out.debug(sa, "received fragment " + f.number() + " of "
                            + f.total() + " of message " + h.messageId());
                    case FragmentReassembler.Ignored i -> out.debug(sa, "fragment ignored: " + i.reason());
                }
            }
            case Unprotected.IntegrityFailed i -> out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa,
                    h.exchangeType().name() + " message " + h.messageId() + " from " + from
                            + " failed its integrity check; dropped (RFC 7296 2.21.2)");
            case Unprotected.Malformed m -> out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa,
                    "malformed " + h.exchangeType().name() + " message from " + from + ": " + m.reason() + "; dropped");
            case Unprotected.InvalidSyntax s -> {
                out.report(Event.Level.WARNING, Event.Kind.MALFORMED_MESSAGE, sa, h.exchangeType().name()
                        + " message " + h.messageId() + " from " + from + " decrypts to invalid payloads: " + s.reason());
                if (!h.isResponse() && h.messageId() == sa.expectedRequestId) {
                    // a verified request with a syntax error is answered (2.21.2) and changes nothing else
                    byte[] data2 = s.unsupportedCriticalType() >= 0 ? new byte[] {(byte) s.unsupportedCriticalType()}
                            : new byte[0];
                    NotifyType t = s.unsupportedCriticalType() >= 0 ? NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD
                            : NotifyType.INVALID_SYNTAX;
                    sendResponse(out, sa, h, List.of(new NotifyPayload(t, Bytes.wrap(data2))));
                }
            }
        }
    }

    /** A verified, decrypted (and reassembled) message. */
    private void protectedMessage(IkeSa sa, Ikev2Header h, List<Payload> inner, Input.Datagram d, Outbox out) {
        sa.lastHeardAt = now();
        if (!d.remote().equals(sa.remote) || !d.local().equals(sa.local)) {
            // only an authentic message moves the SA: the initiator's move to port 4500 (2.23)
            out.debug(sa, "peer address changed from " + sa.remote + " to " + d.remote());
            sa.remote = d.remote();
            sa.local = d.local();
            sa.natT = d.natTraversalPort();
        }
        if (h.isResponse()) {
            IkeSa.Outstanding o = sa.outstanding;
            if (o == null || o.messageId != h.messageId()) {
                out.debug(sa, "dropping a response with message ID " + h.messageId() + " that answers no request of ours");
                return;
            }
            sa.outstanding = null;
            out.add(new Action.Cancel(retransmitTimer(sa, o.messageId)));
            response(sa, o.request, h, inner, out);
            if (sa.outstanding == null && sas.contains(sa)) {
                sendQueued(out, sa);
            }
            return;
        }
        if (h.messageId() != sa.expectedRequestId) {
            out.debug(sa, "dropping request with message ID " + h.messageId() + ", expected " + sa.expectedRequestId);
            return;
        }
        sa.expectedRequestId++;
        int x = h.exchangeType().code();
        if (x == ExchangeType.IKE_AUTH.code()) {
            IkeAuth.respond(this, sa, h, inner, out);
        } else if (x == ExchangeType.CREATE_CHILD_SA.code()) {
            CreateChildSa.respond(this, sa, h, inner, out);
        } else if (x == ExchangeType.INFORMATIONAL.code()) {
            Informational.respond(this, sa, h, inner, out);
        } else {
            out.report(Event.Level.WARNING, Event.Kind.OTHER, sa, "unsupported exchange " + h.exchangeType().name());
            sendResponse(out, sa, h, List.of(new NotifyPayload(NotifyType.INVALID_SYNTAX, Bytes.EMPTY)));
        }
    }

    private void response(IkeSa sa, Request r, Ikev2Header h, List<Payload> inner, Outbox out) {
        switch (r) {
            case Request.Init i -> {
            }
            case Request.Auth a -> IkeAuth.processResponse(this, sa, a, inner, out);
            case Request.CreateChild c -> CreateChildSa.processChildResponse(this, sa, c, inner, out);
            case Request.RekeyIke k -> IkeSaRekey.processIkeResponse(this, sa, k, inner, out);
            case Request.DeleteChildren dc -> Informational.deleteChildrenAnswered(this, sa, dc, inner, out);
            case Request.DeleteIke di -> {
                out.report(Event.Level.INFO, Event.Kind.IKE_SA_DELETED, sa, "IKE SA deleted (" + di.reason() + ")");
                removeSa(out, sa);
            }
            case Request.Liveness l -> out.debug(sa, "liveness check answered");
        }
    }

    private IkeSa find(Ikev2Header h, InetSocketAddress from) {
        for (IkeSa sa : sas) {
            if (sa.spiI != h.initiatorSpi()) {
                continue;
            }
            if (sa.spiR == h.responderSpi()) {
                return sa;
            }
            if (sa.initiator && sa.spiR == 0 && h.isResponse()) {
                return sa;
            }
            if (!sa.initiator && h.responderSpi() == 0 && !h.isResponse()
                    && sa.remote.getAddress().equals(from.getAddress())) {
                return sa; // the IKE_SA_INIT request again, perhaps after we answered IKE_AUTH already
            }
        }
        return null;
    }

    /**
     * The connections an IKEv2 initiator at these addresses may be for (keyexchange=ikev2, and
     * keyexchange=ike, which answers either version), the most specific first (exact address over %any).
     */
    List<Connection> candidates(InetAddress local, InetAddress remote) {
        return Candidates.forAddresses(configuration, local, remote, c -> c.ikeVersion() != IkeVersion.IKEV1);
    }

    // ---- sending

    /** Sends a request now, or queues it behind the one in flight (window size 1, RFC 7296 2.3). */
    void sendRequest(Outbox out, IkeSa sa, Request r, ExchangeType exchange, List<Payload> payloads) {
        if (sa.outstanding != null) {
            sa.queued.add(new IkeSa.Queued(r, exchange, List.copyOf(payloads)));
            return;
        }
        long mid = sa.nextRequestId++;
        Ikev2Header h = Ikev2Header.of(sa.spiI, sa.spiR, exchange, sa.initiator ? Ikev2Header.INITIATOR : 0, mid);
        out.trace(sa, mid, Outbox.Direction.OUT, () -> "sending " + exchange.name() + " request " + mid + " to "
                + sa.remote + "\n" + new Ikev2Message(h, payloads).toTree().render());
        List<Bytes> datagrams = protect(sa, h, payloads);
        IkeSa.Outstanding o = new IkeSa.Outstanding(mid, r, datagrams);
        o.timeoutMillis = options.retransmitTimeoutMillis();
        o.firstSentAt = now();
        sa.outstanding = o;
        out.add(new Action.Schedule(retransmitTimer(sa, mid), now() + o.timeoutMillis));
        resend(out, sa, datagrams);
    }

    private void sendQueued(Outbox out, IkeSa sa) {
        IkeSa.Queued next = sa.queued.poll();
        if (next != null) {
            sendRequest(out, sa, next.request(), next.exchange(), next.payloads());
        }
    }

    /** Answers a request and keeps the answer for its retransmissions. */
    void sendResponse(Outbox out, IkeSa sa, Ikev2Header request, List<Payload> payloads) {
        Ikev2Header h = Ikev2Header.of(sa.spiI, sa.spiR, request.exchangeType(),
                (sa.initiator ? Ikev2Header.INITIATOR : 0) | Ikev2Header.RESPONSE, request.messageId());
        out.trace(sa, request.messageId(), Outbox.Direction.OUT, () -> "sending " + request.exchangeType().name()
                + " response " + request.messageId() + " to " + sa.remote + "\n"
                + new Ikev2Message(h, payloads).toTree().render());
        List<Bytes> datagrams = protect(sa, h, payloads);
        sa.lastResponseId = request.messageId();
        sa.lastResponse = datagrams;
        resend(out, sa, datagrams);
    }

    /** Encodes a message: in the clear before keys exist, else in SK, or in SKF fragments when too big. */
    List<Bytes> protect(IkeSa sa, Ikev2Header h, List<Payload> payloads) {
        if (sa.protection == null) {
            return List.of(Bytes.wrap(new Ikev2Message(h, payloads).encode()));
        }
        byte[] whole = sa.protection.protect(h, payloads);
        if (!sa.peerFragmentation || whole.length <= options.fragmentSize()
                || h.exchangeType().code() == ExchangeType.IKE_SA_INIT.code()) {
            return List.of(Bytes.wrap(whole));
        }
        var suite = sa.protection.outbound().suite();
        // IKE header, SKF header (8), IV, ICV, and at most a block of padding with the Pad Length octet
        int overhead = Ikev2Header.SIZE + 8 + suite.ivSize() + suite.icvSize() + suite.blockSize();
        int content = Math.max(64, options.fragmentSize() - overhead);
        return sa.protection.protectFragmented(h, payloads, content).stream().map(Bytes::wrap).toList();
    }

    void resend(Outbox out, IkeSa sa, List<Bytes> datagrams) {
        for (Bytes b : datagrams) {
            sa.bytesOut += b.length();
            sa.packetsOut++;
            out.add(new Action.Send(sa.local, sa.remote, b, sa.natT));
        }
    }

    /** Moves the SA to port 4500 (RFC 7296 2.23: the initiator, once a NAT is found or encapsulation forced). */
    void floatToNatT(IkeSa sa, Outbox out) {
        if (!sa.natT) {
            sa.local = new InetSocketAddress(sa.local.getAddress(), NATT_PORT);
            sa.remote = new InetSocketAddress(sa.remote.getAddress(), NATT_PORT);
            sa.natT = true;
            out.debug(sa, "NAT-T: moving to port " + NATT_PORT);
        }
    }

    // ---- SAs

    void removeSa(Outbox out, IkeSa sa) {
        for (ChildState c : List.copyOf(sa.children)) {
            lifecycle.removeChild(out, sa, c, "IKE SA " + sa.serial + " removed");
        }
        if (sa.outstanding != null) {
            out.add(new Action.Cancel(retransmitTimer(sa, sa.outstanding.messageId)));
        }
        sa.queued.clear();
        for (String p : List.of("half-open", "ike-rekey", "ike-expire", "dpd")) {
            out.add(new Action.Cancel(timer(p, sa)));
        }
        if (sa.keyExchange != null) {
            sa.keyExchange.close();
        }
        if (sa.keys != null) {
            sa.keys.destroy();
        }
        sas.remove(sa);
    }

    /** Whether no other IKE SA with this peer is up: then IKE_AUTH carries INITIAL_CONTACT. */
    boolean firstContact(IkeSa sa) {
        return sas.stream().noneMatch(s -> s != sa && s.established
                && s.remote.getAddress().equals(sa.remote.getAddress()));
    }

    // ---- status

    @Override
    public Snapshot snapshot() {
        return Ikev2Status.snapshot(now(), configuration, sas, commands.held);
    }
}
