package org.ike4j.analysis.decode;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.ike4j.analysis.capture.CaptureReader;
import org.ike4j.analysis.capture.CaptureRecord;
import org.ike4j.analysis.capture.IkePorts;
import org.ike4j.analysis.decode.Conversation.FrameNote;
import org.ike4j.analysis.decode.Conversation.IkeSaConversation;
import org.ike4j.analysis.decode.DecodedMessage.Direction;
import org.ike4j.analysis.decode.DecodedMessage.Status;
import org.ike4j.crypto.Crypto;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.DecodeException;
import org.ike4j.wire.v1.EncryptedMessage;
import org.ike4j.wire.v1.IsakmpCodec;
import org.ike4j.wire.v1.IsakmpMessage;
import org.ike4j.wire.v1.NotificationPayload;
import org.ike4j.wire.v1.PayloadChain;
import org.ike4j.wire.v1.PlainMessage;
import org.ike4j.wire.v2.EncryptedFragmentPayload;
import org.ike4j.wire.v2.EncryptedPayload;
import org.ike4j.wire.v2.Ikev2Decoder;
import org.ike4j.wire.v2.Ikev2Header;
import org.ike4j.wire.v2.Ikev2Message;
import org.ike4j.wire.v2.NotifyPayload;
import org.ike4j.wire.v2.Payload;

/**
 * Decodes a capture of IKE traffic: every IKEv1 and IKEv2 message, grouped by IKE SA, decrypted
 * where the key sources hold its keys, with a plain reason where not.
 *
 * <pre>{@code
 * Conversation c = Decoder.decode(Path.of("ike.pcapng"), KeySources.load(Path.of("charon.log")));
 * }</pre>
 *
 * <p>A bad frame, a truncated file or a message that does not decode is one line in the result;
 * the decoder goes on with the rest. Nothing here throws for anything a capture can hold.
 */
public final class Decoder {

    /** At most this many records are read before the keys are in. */
    static final int READ_AHEAD = 1024;

    private final Crypto crypto;
    private final KeySources keys;
    private final EspDecryption esp;
    /** IKEv1 SAs by initiator cookie, IKEv2 SAs by initiator SPI, in order of appearance. */
    private final Map<Long, SaState> v1Sas = new HashMap<>();
    private final Map<Long, SaState> v2Sas = new HashMap<>();
    /** Both versions' SAs in the order their first message came. */
    private final List<SaState> sas = new ArrayList<>();
    /** Strings every message repeats (addresses, notify names, flags), made once. */
    private final Map<Object, String> names = new HashMap<>();
    private final Map<List<String>, List<String>> payloadLists = new HashMap<>();
    /** The flags' texts by flags octet: IKEv1's and IKEv2's (their bits mean different things). */
    private final String[] v1FlagTexts = new String[256];
    private final String[] v2FlagTexts = new String[256];
    /** A message's payload names, gathered here before its shared list is found. */
    private final List<String> scratch = new ArrayList<>();
    /** Shared lists by their hash, direct-mapped, tried before the map (a capture repeats a few in turn). */
    private final List<String>[] recentLists = newRecent();
    /** The endpoints named last (address object, port, name), tried before the map. */
    private final InetAddress[] recentHosts = new InetAddress[4];
    private final int[] recentPorts = new int[4];
    private final String[] recentEndpointNames = new String[4];
    private int nextEndpoint;
    private final KeyIndex index;
    /** The bytes of the messages this decoder decoded, held for the report. */
    private final HeldBytes held = new HeldBytes();
    private final List<FrameNote> notes = new ArrayList<>();
    private long frames;
    private long other;
    /** The position in the capture of the record being decoded: orders the SAs of several decoders. */
    private long sequence;

    /**
     * @param esp what to do with ESP packets (an {@link EspOpener})
     */
    public Decoder(Crypto crypto, KeySources keys, EspDecryption esp) {
        this(crypto, keys, esp, new KeyIndex(keys));
    }

    private Decoder(Crypto crypto, KeySources keys, EspDecryption esp, KeyIndex index) {
        this.crypto = crypto;
        this.keys = keys;
        this.esp = esp;
        this.index = index;
    }

    /** Decodes a capture file (pcap or pcapng, gzip or not) with the JDK's crypto ({@link DecoderCrypto}). */
    public static Conversation decode(Path capture, KeySources keys) throws IOException {
        return decode(capture, keys, IkePorts.STANDARD);
    }

    /** Decodes a capture file, reading IKE on these UDP ports (500 and 4500, and more). */
    public static Conversation decode(Path capture, KeySources keys, IkePorts ports) throws IOException {
        return decode(capture, keys, ports, 1);
    }

    /**
     * Decodes a capture file on {@code threads} threads besides the one reading it: each IKE SA's
     * messages go, in capture order, to one thread (chosen by the initiator's cookie or SPI, the
     * first 8 bytes of every IKEv1 and IKEv2 header), which decrypts them with that SA's state
     * as the one-thread decoder does (IKEv1's IV chain per message ID lives in its SA); ESP and the
     * other frames stay with the reading thread. The result is the one-thread result: the SAs
     * in the order their first message appears, each with its messages in capture order.
     */
    public static Conversation decode(Path capture, KeySources keys, IkePorts ports, int threads) throws IOException {
        try (CaptureReader reader = CaptureReader.open(capture, ports)) {
            return decode(capture.getFileName().toString(), reader.iterator(), keys, threads);
        }
    }

    /**
     * As {@link #decode(Path, KeySources, IkePorts, int)}, with the keys still being read (key tables
     * of thousands of rows take a while): the first {@value #READ_AHEAD} records of the capture are
     * read meanwhile, since reading needs no key, and decoding starts once the keys are in. A key
     * source that fails is reported before a capture that cannot be opened, as when the keys are
     * read first.
     *
     * @throws ExecutionException when reading the keys failed (its cause says why)
     */
    public static Conversation decode(Path capture, Future<KeySources> keys, IkePorts ports, int threads)
            throws IOException, ExecutionException, InterruptedException {
        // Bounded: reading the whole capture takes its thread about 20 ms of 100,000 messages, and
        // records read ahead without limit (50,000 of them in bench/decoder while two key tables of
        // 6,667 rows loaded) lived through the first collection, which copied them: 20-40 ms of
        // pause for a gain of at most that reading.
        CaptureReader reader;
        try {
            reader = CaptureReader.open(capture, ports);
        } catch (IOException e) {
            keys.get();
            throw e;
        }
        try (reader) {
            Iterator<CaptureRecord> records = reader.iterator();
            // taken out as they are decoded: a record read ahead is not held to the end of the capture
            java.util.ArrayDeque<CaptureRecord> ahead = new java.util.ArrayDeque<>();
            while (!keys.isDone() && records.hasNext() && ahead.size() < READ_AHEAD) {
                ahead.add(records.next());
            }
            KeySources k = keys.get();
            Iterator<CaptureRecord> all = ahead.isEmpty() ? records : new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !ahead.isEmpty() || records.hasNext();
                }

                @Override
                public CaptureRecord next() {
                    return ahead.isEmpty() ? records.next() : ahead.poll();
                }
            };
            return decode(capture.getFileName().toString(), all, k, threads);
        }
    }

    private static Conversation decode(String captureName, Iterator<CaptureRecord> records, KeySources keys,
            int threads) throws IOException {
        if (threads <= 1) {
            Decoder d = new Decoder(DecoderCrypto.get(), keys, new EspOpener(DecoderCrypto.get()));
            while (records.hasNext()) {
                d.accept(records.next());
            }
            return d.result(captureName);
        }
        KeyIndex index = new KeyIndex(keys);
        Decoder main = new Decoder(DecoderCrypto.get(), keys, new EspOpener(DecoderCrypto.get()), index);
        Worker[] workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(new Decoder(DecoderCrypto.get(), keys, main.esp, index), i);
            workers[i].start();
        }
        try {
            long sequence = 0;
            while (records.hasNext()) {
                CaptureRecord r = records.next();
                sequence++;
                if (r instanceof CaptureRecord.IkeDatagram d && d.bytes().length() >= 28
                        && ((d.bytes().get(17) & 0xF0) == 0x10 || (d.bytes().get(17) & 0xF0) == 0x20)) {
                    main.frames = Math.max(main.frames, r.frame());
                    int h = 0;
                    for (int i = 0; i < 8; i++) {
                        h = 31 * h + d.bytes().get(i);
                    }
                    workers[Math.floorMod(h ^ (h >>> 16), threads)].add(r, sequence);
                } else {
                    main.sequence = sequence;
                    main.accept(r);
                }
            }
            for (Worker w : workers) {
                w.finish();
            }
        } finally {
            for (Worker w : workers) {
                w.interrupt();
            }
        }
        List<SaState> all = new ArrayList<>(main.sas);
        for (Worker w : workers) {
            main.frames = Math.max(main.frames, w.decoder.frames);
            all.addAll(w.decoder.sas);
        }
        all.sort(java.util.Comparator.comparingLong(sa -> sa.first));
        return main.result(captureName, all);
    }

    /** One thread's share of the IKE SAs, handed over in batches of records. */
    private static final class Worker extends Thread {
        private static final int BATCH = 256;
        private static final Batch END = new Batch(0);

        final Decoder decoder;
        private final java.util.concurrent.ArrayBlockingQueue<Batch> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(8);
        private Batch batch = new Batch(BATCH);
        private volatile Throwable failure;

        Worker(Decoder decoder, int number) {
            super("decode-" + number);
            setDaemon(true);
            this.decoder = decoder;
        }

        /** Called by the reading thread. */
        void add(CaptureRecord r, long sequence) throws IOException {
            batch.records[batch.size] = r;
            batch.sequences[batch.size++] = sequence;
            if (batch.size == BATCH) {
                hand(batch);
                batch = new Batch(BATCH);
            }
        }

        /** Called by the reading thread: hands over the rest and waits until all is decoded. */
        void finish() throws IOException {
            if (batch.size > 0) {
                hand(batch);
            }
            hand(END);
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding", e);
            }
            check();
        }

        private void hand(Batch b) throws IOException {
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while decoding", e);
            }
        }

        private void check() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Batch b = queue.take();
                    if (b == END) {
                        // the SAs' final form made here, by each worker for its own, not after them
                        for (SaState sa : decoder.sas) {
                            sa.finished = sa.conversation();
                        }
                        return;
                    }
                    for (int i = 0; i < b.size; i++) {
                        decoder.sequence = b.sequences[i];
                        decoder.accept(b.records[i]);
                    }
                }
            } catch (InterruptedException e) {
                // the reading thread gave up
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        /** Records with their positions in the capture. */
        private static final class Batch {
            final CaptureRecord[] records;
            final long[] sequences;
            int size;

            Batch(int capacity) {
                records = new CaptureRecord[capacity];
                sequences = new long[capacity];
            }
        }
    }

    /** Takes the next record of a capture, in file order. */
    public void accept(CaptureRecord record) {
        frames = Math.max(frames, record.frame());
        switch (record) {
            case CaptureRecord.IkeDatagram d -> ike(d);
            case CaptureRecord.EspPacket p -> {
                EspNote n = esp.open(p, keys);
                notes.add(new FrameNote(p.frame(), p.time(), FrameNote.Kind.ESP, address(p.src(), -1) + " -> "
                        + address(p.dst(), -1) + ": " + n.text(), Optional.of(n)));
            }
            case CaptureRecord.NatKeepalive k -> notes.add(new FrameNote(k.frame(), k.time(),
                    FrameNote.Kind.NAT_KEEPALIVE, address(k.src(), -1) + " -> " + address(k.dst(), -1)
                    + ": NAT-keepalive (RFC 3948 section 2.3)"));
            case CaptureRecord.OtherTraffic o -> other++;
            case CaptureRecord.Undecodable u -> notes.add(new FrameNote(u.frame(), null, FrameNote.Kind.UNREADABLE,
                    u.reason()));
        }
    }

    /** What was decoded so far. */
    public Conversation result(String captureName) {
        return result(captureName, List.copyOf(sas));
    }

    private Conversation result(String captureName, List<SaState> states) {
        List<IkeSaConversation> out = new ArrayList<>();
        for (SaState s : states) {
            out.add(s.finished != null ? s.finished : s.conversation());
        }
        return new Conversation(captureName, frames, out, notes, keys.notes(), other);
    }

    private void ike(CaptureRecord.IkeDatagram d) {
        byte[] bytes = d.bytes().toByteArray();
        String src = cachedAddress(d.src(), d.srcPort());
        String dst = cachedAddress(d.dst(), d.dstPort());
        if (bytes.length < 28) {
            notes.add(new FrameNote(d.frame(), d.time(), FrameNote.Kind.UNREADABLE, src + " -> " + dst + ": "
                    + bytes.length + " bytes on an IKE port, shorter than the 28-byte IKE header"));
            return;
        }
        int major = (bytes[17] & 0xFF) >>> 4;
        switch (major) {
            case 1 -> ikev1(d, bytes, src, dst);
            case 2 -> ikev2(d, bytes, src, dst);
            default -> notes.add(new FrameNote(d.frame(), d.time(), FrameNote.Kind.UNREADABLE, src + " -> " + dst
                    + ": IKE major version " + major + " (neither ISAKMP 1 nor IKEv2)"));
        }
    }

    private void ikev1(CaptureRecord.IkeDatagram d, byte[] bytes, String src, String dst) {
        long icookie = readU64(bytes, 0);
        SaState sa = v1Sas.get(icookie);
        if (sa == null) {
            sa = new SaState(1, HexFormat.of().formatHex(bytes, 0, 8), src, dst, d.src(), d.dst(),
                    new Ikev1Decryption(crypto,
                    Optional.ofNullable(index.v1Key(icookie))), null, sequence);
            v1Sas.put(icookie, sa);
            sas.add(sa);
        }
        // by address: NAT-T moves both peers from port 500 to 4500 (RFC 3947 section 4); by port only
        // when both peers share an address
        boolean fromInitiatorHost = sa.initiatorHost.equals(d.src())
                && (!sa.initiatorHost.equals(sa.responderHost) || sa.initiator.equals(src));
        Direction direction = fromInitiatorHost ? Direction.INITIATOR_TO_RESPONDER : Direction.RESPONDER_TO_INITIATOR;
        if (sa.spiR == null && !zero(bytes, 8, 16)) {
            sa.spiR = HexFormat.of().formatHex(bytes, 8, 16);
        }
        int exchangeCode = bytes[18] & 0xFF;
        long messageId = readU32(bytes, 20);
        IsakmpMessage message;
        try {
            message = IsakmpCodec.decode(bytes);
        } catch (DecodeException e) {
            sa.messages.add(new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 1, direction,
                    v1Exchange(org.ike4j.wire.v1.ExchangeType.of(exchangeCode)), messageId,
                    String.format("0x%02x", bytes[19] & 0xFF), Status.MALFORMED, "corrupt message: " + e.getMessage(),
                    List.of(), new Content.Raw(bytes)));
            return;
        }
        String exchange = v1Exchange(message.header().exchangeType());
        String flags = v1FlagTexts[message.header().flags() & 0xFF];
        if (flags == null) {
            flags = message.header().flagNames();
            v1FlagTexts[message.header().flags() & 0xFF] = flags;
        }
        boolean fromInitiator = direction == Direction.INITIATOR_TO_RESPONDER;
        switch (message) {
            case PlainMessage p -> {
                sa.v1.observe(p, fromInitiator);
                sa.messages.add(new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 1, direction, exchange,
                        messageId, flags, Status.PLAIN, "", v1Names(p.payloads()),
                        new Content.V1(held, bytes, null, null)));
            }
            case EncryptedMessage e -> {
                Ikev1Decryption.Result r = sa.v1.decrypt(e);
                DecodedMessage m = v1Result(new Seen(d.frame(), d.time(), src, dst, d.natT(), direction, exchange,
                        messageId, flags), bytes, e, r);
                sa.messages.add(m);
                if (m.status() == Status.DECRYPTED) {
                    retryEarlier(sa, e.header().messageId(), sa.messages.size() - 1);
                }
            }
        }
    }

    /** What the capture and the header say of an IKEv1 message, before it is decrypted. */
    private record Seen(long frame, java.time.Instant time, String source, String destination, boolean natT,
            Direction direction, String exchange, long messageId, String flags) {
        static Seen of(DecodedMessage m) {
            return new Seen(m.frame(), m.time(), m.source(), m.destination(), m.natT(), m.direction(), m.exchange(),
                    m.messageId(), m.flags());
        }

        long epochSecond() {
            return time == null ? 0 : time.getEpochSecond();
        }

        /** -1 for no time, as {@link DecodedMessage} keeps it. */
        int nano() {
            return time == null ? -1 : time.getNano();
        }
    }

    /** The message with the outcome of its decryption. */
    private DecodedMessage v1Result(Seen m, byte[] datagram, EncryptedMessage e, Ikev1Decryption.Result r) {
        return switch (r) {
            // the detail's IV held with the message's bytes, made into text when it is shown
            case Ikev1Decryption.Decrypted ok -> new DecodedMessage(m.frame(), m.epochSecond(), m.nano(),
                    m.source(), m.destination(), m.natT(), 1, m.direction(), m.exchange(), m.messageId(), m.flags(),
                    Status.DECRYPTED, ok.note(), true, v1Names(ok.chain().payloads()),
                    new Content.V1(held, datagram, ok.plaintext(), ok.iv()));
            case Ikev1Decryption.Failed f -> new DecodedMessage(m.frame(), m.time(), m.source(), m.destination(),
                    m.natT(), 1, m.direction(), m.exchange(), m.messageId(), m.flags(), Status.NOT_DECRYPTED,
                    f.reason(), List.of("encrypted(" + e.firstPayload().name() + "...)"),
                    new Content.V1(held, datagram, null, null));
        };
    }

    /**
     * A reply captured before the message it follows failed under every IV its exchange had then;
     * now that a message of the exchange moved the chain on, it is tried again.
     */
    private void retryEarlier(SaState sa, int messageId, int before) {
        for (int i = 0; i < before; i++) {
            DecodedMessage old = sa.messages.get(i);
            if (old.status() == Status.NOT_DECRYPTED && old.content() instanceof Content.V1 v1
                    && v1.message() instanceof EncryptedMessage e && e.header().messageId() == messageId
                    && old.detail().contains("decrypts to garbage")) {
                Ikev1Decryption.Result again = sa.v1.decrypt(e);
                if (again instanceof Ikev1Decryption.Decrypted ok) {
                    sa.messages.set(i, v1Result(Seen.of(old), v1.datagram(), e, new Ikev1Decryption.Decrypted(ok.chain(),
                            ok.plaintext(), ok.iv(),
                            "captured out of order (decrypted under the IV of a message captured after it)")));
                }
            }
        }
    }

    private void ikev2(CaptureRecord.IkeDatagram d, byte[] bytes, String src, String dst) {
        long spiI = readU64(bytes, 0);
        int flagsByte = bytes[19] & 0xFF;
        boolean fromInitiator = (flagsByte & Ikev2Header.INITIATOR) != 0;
        SaState sa = v2Sas.get(spiI);
        if (sa == null) {
            sa = new SaState(2, HexFormat.of().formatHex(bytes, 0, 8), fromInitiator ? src : dst,
                    fromInitiator ? dst : src, null, null, null, new Ikev2Decryption(crypto), sequence);
            v2Sas.put(spiI, sa);
            sas.add(sa);
        }
        if (sa.spiR == null && !zero(bytes, 8, 16)) {
            sa.spiR = HexFormat.of().formatHex(bytes, 8, 16);
        }
        if (sa.spiR != null && !sa.v2.keyed()) {
            KeySources.Ikev2Key key = index.v2Key(spiI, readU64(bytes, 8));
            sa.v2.useKey(Optional.ofNullable(key), key != null ? null : noV2Key(spiI, sa.spiI, sa.spiR));
        }
        Direction direction = fromInitiator ? Direction.INITIATOR_TO_RESPONDER : Direction.RESPONDER_TO_INITIATOR;
        long messageId = readU32(bytes, 20);
        String exchange = org.ike4j.wire.v2.ExchangeType.of(bytes[18] & 0xFF).name();
        String flags = v2FlagTexts[flagsByte];
        if (flags == null) {
            flags = v2Flags(flagsByte);
            v2FlagTexts[flagsByte] = flags;
        }
        Ikev2Message message;
        try {
            message = Ikev2Decoder.decode(bytes, Ikev2Decoder.Mode.LENIENT);
        } catch (DecodeException e) {
            sa.messages.add(new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 2, direction, exchange,
                    messageId, flags, Status.MALFORMED, "corrupt message: " + e.getMessage(), List.of(),
                    new Content.Raw(bytes)));
            return;
        }
        boolean protectedMessage = !message.payloads().isEmpty() && (message.payloads().getLast()
                instanceof EncryptedPayload || message.payloads().getLast() instanceof EncryptedFragmentPayload);
        if (!protectedMessage) {
            sa.v2.observe(message);
            sa.messages.add(new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 2, direction, exchange,
                    messageId, flags, Status.PLAIN, "", v2Names(message.payloads(), null),
                    new Content.V2(held, bytes)));
            return;
        }
        DecodedMessage m = switch (sa.v2.open(message, bytes)) {
            case Ikev2Decryption.Decrypted ok -> new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 2,
                    direction, exchange, messageId, flags, Status.DECRYPTED, ok.note(),
                    v2Names(message.payloads(), ok.inner()), new Content.V2(held, bytes, ok.inner(), ok.content()));
            case Ikev2Decryption.Fragment f -> new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 2,
                    direction, exchange, messageId, flags, Status.FRAGMENT, f.note(), v2Names(message.payloads(), null),
                    new Content.V2(held, bytes));
            case Ikev2Decryption.Failed f -> new DecodedMessage(d.frame(), d.time(), src, dst, d.natT(), 2,
                    direction, exchange, messageId, flags, f.malformed() ? Status.MALFORMED : Status.NOT_DECRYPTED,
                    f.reason(), v2Names(message.payloads(), null), new Content.V2(held, bytes));
        };
        sa.messages.add(m);
    }

    /** Why no row fits an IKEv2 SA: none for its initiator SPI, or rows for other responder SPIs. */
    private String noV2Key(long spiI, String spiIHex, String spiRHex) {
        List<String> others = index.responderSpis(spiI);
        if (others == null) {
            return "no key for IKE SA " + spiIHex + "/" + spiRHex;
        }
        return "no key for IKE SA " + spiIHex + "/" + spiRHex + ": the key rows for this initiator SPI have"
                + " responder SPI " + String.join(", ", others.size() > 3 ? others.subList(0, 3) : others)
                + (others.size() > 3 ? " and " + (others.size() - 3) + " more" : "")
                + " (keys are matched by both SPIs, as Wireshark does)";
    }

    private static String v1Exchange(org.ike4j.wire.v1.ExchangeType t) {
        return switch (t.code()) {
            case 2 -> "ID_PROT (Main Mode)";
            case 4 -> "AGGRESSIVE (Aggressive Mode)";
            case 32 -> "QUICK (Quick Mode)";
            case 6 -> "TRANSACTION (Mode Config)";
            default -> t.name();
        };
    }

    private List<String> v1Names(List<org.ike4j.wire.v1.Payload> payloads) {
        List<String> out = scratch;
        out.clear();
        for (int i = 0, n = payloads.size(); i < n; i++) {
            org.ike4j.wire.v1.Payload p = payloads.get(i);
            out.add(p instanceof NotificationPayload notification ? notifyName(notification.notifyType())
                    : p.type().name());
        }
        return shared(out);
    }

    /**
     * {@code N(name)}, made once per notify type (an IKEv1 or an IKEv2 one: the two registries'
     * values are never equal, so they share the map).
     */
    private String notifyName(org.ike4j.wire.Registry.Code type) {
        String name = names.get(type);
        if (name == null) {
            name = "N(" + type.name() + ")";
            names.put(type, name);
        }
        return name;
    }

    /**
     * One immutable list for each sequence of payload names: the messages of a capture repeat a
     * few sequences, and a list per message was a fifth of the objects the decoded capture holds
     * (each one copied by the collector while the capture is read). {@code names} is the scratch
     * list; it is copied only for a sequence not seen before.
     */
    private List<String> shared(List<String> names) {
        int hash = names.hashCode();
        int slot = (hash ^ hash >>> 16) & (recentLists.length - 1);
        List<String> r = recentLists[slot];
        if (r != null && r.equals(names)) {
            return r;
        }
        List<String> found = payloadLists.get(names);
        if (found == null) {
            found = List.copyOf(names);
            payloadLists.put(found, found);
        }
        recentLists[slot] = found;
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] newRecent() {
        return (List<String>[]) new List<?>[64];
    }

    private List<String> v2Names(List<Payload> payloads, List<Payload> inner) {
        scratch.clear();
        v2NameList(payloads, inner, scratch);
        return shared(scratch);
    }

    private void v2NameList(List<Payload> payloads, List<Payload> inner, List<String> out) {
        for (int i = 0, n = payloads.size(); i < n; i++) {
            Payload p = payloads.get(i);
            if ((p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload) && inner != null) {
                out.add(p.type().name() + " {");
                v2NameList(inner, null, out);
                out.add("}");
            } else if (p instanceof EncryptedFragmentPayload f) {
                out.add("SKF(" + f.fragmentNumber() + "/" + f.totalFragments() + ")");
            } else {
                out.add(p instanceof NotifyPayload notify ? notifyName(notify.notifyType()) : p.type().name());
            }
        }
    }

    private static String v2Flags(int flags) {
        List<String> names = new ArrayList<>();
        if ((flags & Ikev2Header.INITIATOR) != 0) {
            names.add("Initiator");
        }
        if ((flags & Ikev2Header.RESPONSE) != 0) {
            names.add("Response");
        }
        if ((flags & Ikev2Header.VERSION) != 0) {
            names.add("Version");
        }
        return (names.isEmpty() ? "none" : String.join("+", names)) + String.format(" (0x%02x)", flags);
    }

    private static String address(InetAddress a, int port) {
        String host = a.getHostAddress();
        if (port < 0) {
            return host;
        }
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    private String cachedAddress(InetAddress a, int port) {
        // the last few by identity first (the capture reader hands out one object per IPv4
        // address), then by value; get, then put: no capturing lambda per datagram
        for (int i = 0; i < recentHosts.length; i++) {
            if (recentHosts[i] == a && recentPorts[i] == port) {
                return recentEndpointNames[i];
            }
        }
        Endpoint key = new Endpoint(a, port);
        String name = names.get(key);
        if (name == null) {
            name = address(a, port);
            names.put(key, name);
        }
        recentHosts[nextEndpoint] = a;
        recentPorts[nextEndpoint] = port;
        recentEndpointNames[nextEndpoint] = name;
        nextEndpoint = (nextEndpoint + 1) % recentHosts.length;
        return name;
    }

    /** A map key for an address and port: cheaper to hash and compare than a list of the two. */
    private static final class Endpoint {
        private final InetAddress address;
        private final int port;

        Endpoint(InetAddress address, int port) {
            this.address = address;
            this.port = port;
        }

        @Override
        public int hashCode() {
            return address.hashCode() * 31 + port;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Endpoint e && e.port == port && e.address.equals(address);
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Eight octets, big-endian: an initiator cookie or SPI, as the SAs and key rows are found by. */
    private static long readU64(byte[] b, int at) {
        return readU32(b, at) << 32 | readU32(b, at + 4);
    }

    private static long readU32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    /** What the decoder holds for one IKE SA while reading. */
    private static final class SaState {
        final int version;
        final String spiI;
        String spiR;
        final String initiator;
        final String responder;
        /** IKEv1's: the addresses without ports (null for IKEv2, whose header says the direction). */
        final InetAddress initiatorHost;
        final InetAddress responderHost;
        final Ikev1Decryption v1;
        final Ikev2Decryption v2;
        final List<DecodedMessage> messages = new ArrayList<>();
        /** Where in the capture its first message is. */
        long first;

        SaState(int version, String spiI, String initiator, String responder, InetAddress initiatorHost,
                InetAddress responderHost, Ikev1Decryption v1, Ikev2Decryption v2, long first) {
            this.version = version;
            this.first = first;
            this.initiatorHost = initiatorHost;
            this.responderHost = responderHost;
            this.spiI = spiI;
            this.initiator = initiator;
            this.responder = responder;
            this.v1 = v1;
            this.v2 = v2;
        }

        /** Its final form, made by the worker that decoded it once the capture is read (or null). */
        IkeSaConversation finished;

        String describe() {
            return v1 != null ? v1.describe() : v2.describe();
        }

        IkeSaConversation conversation() {
            return new IkeSaConversation(version, spiI, spiR == null ? "0000000000000000" : spiR, initiator,
                    responder, describe(), messages);
        }
    }
}
