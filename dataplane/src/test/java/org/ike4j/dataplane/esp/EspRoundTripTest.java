package org.ike4j.dataplane.esp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seal then open, for every transform, with and without ESN: the inner packet comes back, the
 * wire sizes are as RFC 4303 lays them out, and a changed byte, a replay, a bad pad or a wrong SPI
 * are each dropped and counted.
 */
class EspRoundTripTest {
    private static final int HEAD = 64;

    static EspSuite[] suites() {
        return EspPackets.suites();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void sealThenOpenGivesTheInnerPacketBack(EspSuite suite) throws Exception {
        for (boolean esn : new boolean[] {false, true}) {
            EspPackets.Pair p = EspPackets.pair(suite, esn, 64, Lifetime.NONE, e -> { });
            Random r = new Random(1);
            long bytes = 0;
            for (int len = 28; len < 1500; len += 97) {
                byte[] inner = EspPackets.icmpEcho(InetAddress.getByName("10.0.1.1"), InetAddress.getByName("10.0.2.1"), 7, len, len);
                byte[] buf = new byte[HEAD + len + 64];
                System.arraycopy(inner, 0, buf, HEAD, len);
                int n = p.out().seal(buf, HEAD, len, EspInbound.IPV4);
                int start = HEAD - p.out().headerSize();
                assertTrue(n > 0, suite + " refused");
                int encrypted = n - suite.headerSize() - suite.icvSize();
                assertEquals(0, encrypted % suite.alignment(), "aligned (RFC 4303 2.4)");
                assertTrue(encrypted - len - 2 < suite.alignment(), "no more padding than needed");
                if (!(suite.encryption() instanceof org.ike4j.config.Encryption.Cipher c
                        && c.algorithm() == org.ike4j.crypto.CipherAlgorithm.NULL)) {
                    assertTrue(Arrays.mismatch(inner, Arrays.copyOfRange(buf, HEAD, HEAD + len)) >= 0, "encrypted");
                }
                byte[] wire = Arrays.copyOfRange(buf, start, start + n);
                int res = p.in().open(buf, start, n);
                assertTrue(res >= 0, suite + " esn=" + esn + " len " + len + ": " + (res < 0 ? EspInbound.Drop.of(res) : ""));
                assertEquals(len, EspInbound.payloadLength(res));
                assertEquals(EspInbound.IPV4, EspInbound.nextHeader(res));
                assertArrayEquals(inner, Arrays.copyOfRange(buf, start + p.in().headerSize(), start + p.in().headerSize() + len));
                bytes += len;
                // the same packet again: a replay
                assertEquals(EspInbound.Drop.REPLAY.code(), p.in().open(wire, 0, wire.length));
            }
            assertEquals(p.out().stats().packets(), p.in().stats().packets());
            assertEquals(bytes, p.in().stats().bytes());
            assertEquals(bytes, p.out().stats().bytes());
            assertEquals(p.in().stats().packets(), p.in().stats().replayDrops());
        }
    }

    @ParameterizedTest
    @MethodSource("suites")
    void everyChangedByteIsAnIntegrityFailureAndMovesNothing(EspSuite suite) throws Exception {
        EspPackets.Pair p = EspPackets.pair(suite, true, 64, Lifetime.NONE, e -> { });
        byte[] inner = EspPackets.icmpEcho(InetAddress.getByName("10.0.1.1"), InetAddress.getByName("10.0.2.1"), 1, 1, 84);
        byte[] buf = new byte[HEAD + 84 + 64];
        System.arraycopy(inner, 0, buf, HEAD, 84);
        int n = p.out().seal(buf, HEAD, 84, EspInbound.IPV4);
        byte[] wire = Arrays.copyOfRange(buf, HEAD - p.out().headerSize(), HEAD - p.out().headerSize() + n);
        int failures = 0;
        for (int i = 4; i < wire.length; i++) {   // from the sequence number on; the SPI picks the SA
            byte[] bad = wire.clone();
            bad[i] ^= (byte) 0x01;
            int res = p.in().open(bad, 0, bad.length);
            assertTrue(res == EspInbound.Drop.INTEGRITY.code() || res == EspInbound.Drop.REPLAY.code(),
                    "byte " + i + ": " + (res < 0 ? EspInbound.Drop.of(res) : "accepted"));
            failures += res == EspInbound.Drop.INTEGRITY.code() ? 1 : 0;
        }
        assertEquals(failures, p.in().stats().integrityFailures());
        assertEquals(0, p.in().highestSequenceNumber(), "no forged packet moved the window");
        assertTrue(p.in().open(wire.clone(), 0, wire.length) >= 0, "the genuine packet still opens");
        byte[] wrongSpi = wire.clone();
        wrongSpi[0] ^= 1;
        assertEquals(EspInbound.Drop.WRONG_SPI.code(), p.in().open(wrongSpi, 0, wrongSpi.length));
        assertEquals(EspInbound.Drop.MALFORMED.code(), p.in().open(wire, 0, suite.headerSize() + suite.icvSize()));
    }

    @Test
    void lifetimesAreReportedOnceAndTheHardLimitStopsTheSa() throws Exception {
        List<EspEvent> events = new ArrayList<>();
        EspPackets.Pair p = EspPackets.pair(EspPackets.AES128_SHA1, false, 64, Lifetime.ofHard(0, 10), events::add);
        byte[] buf = new byte[HEAD + 100 + 64];
        int sealed = 0;
        for (int i = 0; i < 15; i++) {
            if (p.out().seal(buf, HEAD, 100, EspInbound.IPV4) > 0) {
                sealed++;
            }
        }
        assertEquals(10, sealed, "the hard limit of 10 packets");
        assertEquals(2, events.size(), events.toString());
        assertInstanceOf(EspEvent.SoftExpired.class, events.get(0));
        assertInstanceOf(EspEvent.HardExpired.class, events.get(1));
        assertEquals(5, p.out().stats().otherDrops());
    }

    @Test
    void nextHeaderAndPaddingAreChecked() throws Exception {
        EspPackets.Pair p = EspPackets.pair(EspPackets.AES128_SHA1, false, 64, Lifetime.NONE, e -> { });
        byte[] buf = new byte[HEAD + 100 + 64];
        int n = p.out().seal(buf, HEAD, 100, 6);   // TCP directly: transport mode, not ours
        int start = HEAD - p.out().headerSize();
        assertEquals(EspInbound.Drop.BAD_NEXT_HEADER.code(), p.in().open(buf, start, n));
        n = p.out().seal(buf, HEAD, 100, EspInbound.NO_NEXT_HEADER);
        assertEquals(EspInbound.Drop.DUMMY.code(), p.in().open(buf, start, n));
        assertEquals(2, p.in().stats().otherDrops());
        assertEquals(0, p.in().stats().packets());
    }
}
