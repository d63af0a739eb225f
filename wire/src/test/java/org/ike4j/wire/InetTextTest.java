package org.ike4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** RFC 5952's rules, with the examples of its section 4 and the edge cases around "::". */
class InetTextTest {

    private static String text(String address) throws Exception {
        return InetText.of(InetAddress.getByName(address));
    }

    @Test
    void followsRfc5952() throws Exception {
        assertEquals("10.80.80.13", text("10.80.80.13"));
        assertEquals("2001:db8::1", text("2001:0db8:0000:0000:0000:0000:0000:0001"));   // 4.1, 4.2.1
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));           // 4.2.2: one group stays
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));               // 4.2.3: first on a tie
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"));                     // 4.2.3: the longest
        assertEquals("2001:db8::aaaa:0:1", text("2001:DB8:0:0:0:AAAA:0:1"));           // 4.3: lower case
        assertEquals("::", text("::"));
        assertEquals("::1", text("::1"));
        assertEquals("fe80::", text("fe80:0:0:0:0:0:0:0"));
    }
}
