package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reading key dumps from charon's log. The lines follow the layout strongSwan 5.9.8 writes with
 * this kit's filelog settings (time, thread, group, IKE SA name); the byte values are made up.
 */
class CharonLogTest {

    private static final String LOG = """
            11:17:33 16[IKE] <v2|1> Sk_ei secret => 16 bytes @ 0x7f64c0001f30
            11:17:33 11[NET] <v2|1> received packet: from 192.0.2.2[500] to 192.0.2.1[500] (248 bytes)
            11:17:33 16[IKE] <v2|1>    0: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F  ................
            11:17:33 16[IKE] <v2|1> Sk_ai secret => 20 bytes @ 0x7f64c0001ef0
            11:17:33 16[IKE] <v2|1>    0: FF EE DD CC BB AA 99 88 77 66 55 44 33 22 11 00  ................
            11:17:33 11[IKE] <v2|1>   16: 01 02 03 04                                      ....
            11:17:33 16[IKE] <v2|1>   16: A1 A2 A3 A4                                      ....
            11:17:34 12[IKE] <v2|2> Sk_ei secret => 16 bytes @ 0x7f64c0001f30
            11:17:34 12[IKE] <v2|2>    0: 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F  ................
            """;

    @Test
    void collectsDumpLinesOfTheSameThread() {
        List<CharonLog.Dump> dumps = CharonLog.dumps(LOG, "Sk_ei secret");
        assertEquals(2, dumps.size());
        assertEquals("000102030405060708090a0b0c0d0e0f", dumps.get(0).hex());
        assertEquals("v2|1", dumps.get(0).ikeSa());
        assertEquals(16, dumps.get(0).thread());
        assertEquals("101112131415161718191a1b1c1d1e1f", CharonLog.last(LOG, "Sk_ei secret").hex());
        // the line of thread 11 between the two lines of thread 16 is not part of the dump
        assertEquals("ffeeddccbbaa99887766554433221100a1a2a3a4", CharonLog.last(LOG, "Sk_ai secret").hex());
    }

    @Test
    void missingDumpSaysWhy() {
        TestKitException e = assertThrows(TestKitException.class, () -> CharonLog.last(LOG, "Sk_er secret"));
        assertEquals(true, e.getMessage().contains("\"ike\", 4"));
    }
}
