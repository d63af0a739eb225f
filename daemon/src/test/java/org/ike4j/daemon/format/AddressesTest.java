package org.ike4j.daemon.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {
    /** Expected forms from RFC 5952 section 4 (the recommendations and their examples). */
    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "10.80.80.13, 10.80.80.13"})
    void shortForm(String in, String out) throws Exception {
        assertEquals(out, Addresses.host(InetAddress.getByName(in)));
    }

    @ParameterizedTest
    @CsvSource({"::1, 500, [::1]:500", "10.0.0.1, 4500, 10.0.0.1:4500"})
    void withPort(String host, int port, String out) {
        assertEquals(out, Addresses.hostPort(new InetSocketAddress(host, port)));
    }
}
