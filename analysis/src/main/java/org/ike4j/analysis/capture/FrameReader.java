package org.ike4j.analysis.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads frames one at a time from a classic pcap or a pcapng stream, gzip-compressed or not. The
 * format is told by the magic number, never by the file name. Only the current record is held in
 * memory, so files of any size stream through.
 *
 * <p>Formats: classic pcap (draft-ietf-opsawg-pcap, both byte orders, microsecond magic
 * {@code A1B2C3D4} and nanosecond magic {@code A1B23C4D}); pcapng (draft-ietf-opsawg-pcapng:
 * Section Header, Interface Description with {@code if_tsresol}, Enhanced and Simple Packet
 * blocks, the obsolete Packet Block; other blocks are skipped; a new section may change the byte
 * order).
 */
final class FrameReader implements Closeable {

    /** Larger records than this are taken as corruption rather than allocated. */
    static final int MAX_RECORD = 1 << 24;

    private static final int PCAP_MICRO = 0xA1B2C3D4;
    private static final int PCAP_NANO = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BYTE_ORDER = 0x1A2B3C4D;

    /**
     * A frame; or a problem with one frame ({@code frame} null, {@code fatal} false: reading goes
     * on); or a problem that ends the file ({@code fatal} true).
     */
    record Item(long number, Frame frame, String problem, boolean fatal) {

        static Item of(Frame frame) {
            return new Item(frame.number(), frame, null, false);
        }

        static Item bad(long number, String problem) {
            return new Item(number, null, problem, false);
        }

        static Item fatal(long number, String problem) {
            return new Item(number, null, problem, true);
        }
    }

    private record Interface(int linkType, BigInteger unitsPerSecond) {
    }

    private final InputStream in;
    private final boolean pcapng;
    private boolean littleEndian;
    private boolean nano;
    private int pcapLinkType;
    private final List<Interface> interfaces = new ArrayList<>();
    private long frames;
    private long offset;
    private boolean finished;

    private FrameReader(InputStream in, boolean pcapng) {
        this.in = in;
        this.pcapng = pcapng;
    }

    /**
     * Opens a stream, unpacking gzip when it starts with gzip's magic (RFC 1952 section 2.3.1).
     *
     * @throws IOException when the stream is not a capture file at all (the message says why)
     */
    static FrameReader open(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream in = buffered;
        if (b0 == 0x1F && b1 == 0x8B) {
            in = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
        }
        byte[] magic = new byte[4];
        int got = in.readNBytes(magic, 0, 4);
        if (got < 4) {
            throw new IOException("not a capture file: only " + got + " bytes");
        }
        int big = be32(magic, 0);
        int little = le32(magic, 0);
        if (big == PCAPNG_SHB) {
            FrameReader reader = new FrameReader(in, true);
            reader.offset = 4;
            reader.readSectionHeaderRest();
            return reader;
        }
        FrameReader reader = new FrameReader(in, false);
        reader.offset = 4;
        if (big == PCAP_MICRO || big == PCAP_NANO) {
            reader.littleEndian = false;
            reader.nano = big == PCAP_NANO;
        } else if (little == PCAP_MICRO || little == PCAP_NANO) {
            reader.littleEndian = true;
            reader.nano = little == PCAP_NANO;
        } else {
            throw new IOException(String.format("not a pcap or pcapng file (magic %08x)", big));
        }
        byte[] header = reader.readExactly(20, "pcap file header");
        // link type: the low 28 bits; the upper bits announce an FCS length we do not use
        reader.pcapLinkType = reader.i32(header, 16) & 0x0FFFFFFF;
        return reader;
    }

    /** The next frame, a final problem, or null at the clean end of the file. */
    Item next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            Item item = pcapng ? nextPcapng() : nextPcap();
            if (item == null || item.fatal()) {
                finished = true;
            }
            return item;
        } catch (EOFException e) {
            finished = true;
            return Item.fatal(frames + 1, "file truncated in frame " + (frames + 1) + ": " + e.getMessage());
        } catch (IOException e) {
            // a bad section header in mid-file, or the stream itself failed (gzip data corrupt, disk)
            finished = true;
            return Item.fatal(frames + 1, "cannot read on after frame " + frames + ": " + e.getMessage());
        }
    }

    private Item nextPcap() throws IOException {
        byte[] header = new byte[16];
        int got = in.readNBytes(header, 0, 16);
        if (got == 0) {
            return null;
        }
        if (got < 16) {
            throw new EOFException("record header cut short at byte " + (offset + got) + " (" + got + " of 16 bytes)");
        }
        offset += 16;
        long seconds = u32(header, 0);
        long fraction = u32(header, 4);
        long captured = u32(header, 8);
        long original = u32(header, 12);
        if (captured > MAX_RECORD) {
            return Item.fatal(frames + 1, "corrupt record header in frame " + (frames + 1) + " at byte " + (offset - 16)
                    + ": captured length " + captured + " (the rest of the file cannot be trusted)");
        }
        byte[] data = readExactly((int) captured, "packet data");
        frames++;
        Instant time = Instant.ofEpochSecond(seconds, nano ? fraction : fraction * 1000);
        return Item.of(new Frame(frames, time, pcapLinkType, data, original));
    }

    private Item nextPcapng() throws IOException {
        while (true) {
            byte[] head = new byte[8];
            int got = in.readNBytes(head, 0, 8);
            if (got == 0) {
                return null;
            }
            if (got < 8) {
                throw new EOFException("block header cut short at byte " + (offset + got));
            }
            offset += 8;
            int type = i32(head, 0);
            if (type == PCAPNG_SHB) {
                // a new section: its own byte order and interfaces
                byte[] lengthBytes = new byte[] {head[4], head[5], head[6], head[7]};
                readSectionHeaderRest(lengthBytes);
                continue;
            }
            long total = u32(head, 4);
            if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
                return Item.fatal(frames + 1, "corrupt pcapng block at byte " + (offset - 8) + ": total length " + total
                        + " (the rest of the file cannot be trusted)");
            }
            byte[] body = readExactly((int) total - 8, "pcapng block");
            if (u32(body, body.length - 4) != total) {
                return Item.fatal(frames + 1, "corrupt pcapng block at byte " + (offset - total)
                        + ": trailing length differs from leading length " + total);
            }
            switch (type) {
                case 1 -> interfaces.add(interfaceDescription(body));
                case 6 -> {
                    return enhancedPacket(body);
                }
                case 3 -> {
                    return simplePacket(body);
                }
                case 2 -> {
                    return obsoletePacket(body);
                }
                default -> {
                    // name resolution, statistics, custom blocks: nothing for us
                }
            }
        }
    }

    private void readSectionHeaderRest() throws IOException {
        readSectionHeaderRest(readExactly(4, "section header"));
    }

    private void readSectionHeaderRest(byte[] lengthBytes) throws IOException {
        byte[] bom = readExactly(4, "section header byte-order magic");
        if (be32(bom, 0) == PCAPNG_BYTE_ORDER) {
            littleEndian = false;
        } else if (le32(bom, 0) == PCAPNG_BYTE_ORDER) {
            littleEndian = true;
        } else {
            throw new IOException(String.format("pcapng section header with a bad byte-order magic %08x", be32(bom, 0)));
        }
        long total = u32(lengthBytes, 0);
        if (total < 28 || total % 4 != 0 || total > MAX_RECORD) {
            throw new IOException("pcapng section header with a bad length " + total);
        }
        readExactly((int) total - 12, "section header");
        interfaces.clear();
    }

    private Interface interfaceDescription(byte[] body) {
        int linkType = u16(body, 0);
        BigInteger units = BigInteger.valueOf(1_000_000);
        // options start after link type, reserved and snaplen (8 bytes); the last 4 bytes repeat the length
        int at = 8;
        int end = body.length - 4;
        while (at + 4 <= end) {
            int code = u16(body, at);
            int length = u16(body, at + 2);
            if (code == 0 || at + 4 + length > end) {
                break;
            }
            if (code == 9 && length >= 1) {   // if_tsresol
                int v = body[at + 4] & 0xFF;
                units = (v & 0x80) == 0 ? BigInteger.TEN.pow(v) : BigInteger.TWO.pow(v & 0x7F);
            }
            at += 4 + ((length + 3) & ~3);
        }
        return new Interface(linkType, units);
    }

    private Item enhancedPacket(byte[] body) {
        long id = u32(body, 0);
        long captured = u32(body, 12);
        long original = u32(body, 16);
        frames++;
        if (id >= interfaces.size()) {
            return Item.bad(frames, "packet block names interface " + id + ", but the section describes "
                    + interfaces.size());
        }
        if (20 + captured > body.length - 4) {
            return Item.bad(frames, "packet block claims " + captured + " captured bytes, more than the block holds");
        }
        Interface iface = interfaces.get((int) id);
        long ticks = (u32(body, 4) << 32) | u32(body, 8);
        byte[] data = java.util.Arrays.copyOfRange(body, 20, 20 + (int) captured);
        return Item.of(new Frame(frames, time(ticks, iface.unitsPerSecond()), iface.linkType(), data, original));
    }

    private Item simplePacket(byte[] body) {
        long original = u32(body, 0);
        frames++;
        if (interfaces.isEmpty()) {
            return Item.bad(frames, "simple packet block before any interface description");
        }
        int captured = (int) Math.min(original, body.length - 8);
        byte[] data = java.util.Arrays.copyOfRange(body, 4, 4 + captured);
        // a Simple Packet Block has no time stamp
        return Item.of(new Frame(frames, Instant.EPOCH, interfaces.get(0).linkType(), data, original));
    }

    private Item obsoletePacket(byte[] body) {
        int id = u16(body, 0);
        long captured = u32(body, 12);
        long original = u32(body, 16);
        frames++;
        if (id >= interfaces.size() || 20 + captured > body.length - 4) {
            return Item.bad(frames, "packet block with unknown interface " + id + " or bad captured length");
        }
        Interface iface = interfaces.get(id);
        long ticks = (u32(body, 4) << 32) | u32(body, 8);
        byte[] data = java.util.Arrays.copyOfRange(body, 20, 20 + (int) captured);
        return Item.of(new Frame(frames, time(ticks, iface.unitsPerSecond()), iface.linkType(), data, original));
    }

    private static Instant time(long ticks, BigInteger unitsPerSecond) {
        BigInteger[] split = new BigInteger(Long.toUnsignedString(ticks)).divideAndRemainder(unitsPerSecond);
        long nanos = split[1].multiply(BigInteger.valueOf(1_000_000_000)).divide(unitsPerSecond).longValue();
        return Instant.ofEpochSecond(split[0].longValue(), nanos);
    }

    private byte[] readExactly(int n, String what) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        if (got < n) {
            throw new EOFException(what + " cut short at byte " + (offset + got) + " (" + got + " of " + n + " bytes)");
        }
        offset += n;
        return b;
    }

    private int i32(byte[] b, int at) {
        return littleEndian ? le32(b, at) : be32(b, at);
    }

    private long u32(byte[] b, int at) {
        return i32(b, at) & 0xFFFFFFFFL;
    }

    private int u16(byte[] b, int at) {
        return littleEndian ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static int le32(byte[] b, int at) {
        return (b[at + 3] & 0xFF) << 24 | (b[at + 2] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
