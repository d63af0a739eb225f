package org.ike4j.analysis.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/** Capture files for the tests: paths of the checked-in ones, and pcapng built block by block. */
final class CaptureFiles {

    /** From wire's test resources: Wireshark's IKEv2 decryption sample captures (see PROVENANCE.md there). */
    static final Path WIRE_CAPTURES = Path.of("../wire/src/test/resources/captures");
    /** Captured by the test kit's CharonInteropTest (charon 5.9.8 to charon), 2026-11-29. */
    static final Path OWN_CAPTURES = Path.of("src/test/resources/captures");

    private CaptureFiles() {
    }

    /** A pcapng block with the given body, padded, in the given byte order. */
    static byte[] block(ByteOrder order, int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
        b.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
        b.putInt(12 + padded);
        return b.array();
    }

    static byte[] sectionHeader(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(order, 0x0A0D0D0A, b.array());
    }

    /** An Interface Description Block, with an if_tsresol option when {@code tsresol >= 0}. */
    static byte[] interfaceDescription(ByteOrder order, int linkType, int tsresol) {
        ByteBuffer b = ByteBuffer.allocate(tsresol >= 0 ? 20 : 8).order(order);
        b.putShort((short) linkType).putShort((short) 0).putInt(65535);
        if (tsresol >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
        }
        return block(order, 1, b.array());
    }

    static byte[] enhancedPacket(ByteOrder order, int iface, long ticks, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(20 + data.length).order(order);
        b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(data.length)
                .put(data);
        return block(order, 6, b.array());
    }

    static byte[] simplePacket(ByteOrder order, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + data.length).order(order);
        b.putInt(data.length).put(data);
        return block(order, 3, b.array());
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
