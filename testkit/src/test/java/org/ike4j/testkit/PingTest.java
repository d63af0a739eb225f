package org.ike4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading iputils ping's summary (no root, no ping binary needed). */
class PingTest {

    @Test
    void allAnswered() {
        Ping p = Ping.parse("""
                PING 10.2.0.1 (10.2.0.1) from 10.1.0.1 : 56(84) bytes of data.
                64 bytes from 10.2.0.1: icmp_seq=1 ttl=64 time=0.5 ms

                --- 10.2.0.1 ping statistics ---
                5 packets transmitted, 5 received, 0% packet loss, time 801ms
                rtt min/avg/max/mdev = 0.4/0.5/0.6/0.1 ms
                """);
        assertEquals(5, p.transmitted());
        assertEquals(5, p.received());
        assertEquals(0, p.lost());
        assertTrue(p.lostNone());
    }

    @Test
    void lossesErrorsAndDuplicatesCount() {
        Ping lost = Ping.parse("no answer yet for icmp_seq=3\n"
                + "200 packets transmitted, 198 received, 1% packet loss, time 10s\n");
        assertEquals(2, lost.lost());
        assertFalse(lost.lostNone());
        assertTrue(lost.describe().contains("no answer yet for icmp_seq=3"), lost.describe());
        Ping errors = Ping.parse("From 10.1.0.1 icmp_seq=1 Destination Host Unreachable\n"
                + "5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 4s\n");
        assertEquals(5, errors.lost());
        Ping dup = Ping.parse("5 packets transmitted, 5 received, +1 duplicates, 0% packet loss, time 4s\n");
        assertEquals(1, dup.duplicates());
        assertFalse(dup.lostNone(), "a duplicate is not a clean run");
        assertFalse(Ping.parse("0 packets transmitted, 0 received\n").lostNone(), "nothing sent proves nothing");
    }

    @Test
    void noSummaryIsAnError() {
        assertThrows(TestKitException.class, () -> Ping.parse("ping: connect: Network is unreachable\n"));
    }

    @Test
    void commandLine() {
        assertEquals(java.util.List.of(Ping.BINARY, "-n", "-O", "-c", "5", "-i", "0.200", "-W", "2", "-I", "10.1.0.1",
                "10.2.0.1"), Ping.command("10.1.0.1", "10.2.0.1", 5, Duration.ofMillis(200)));
    }
}
