package org.ike4j.dataplane.xfrm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads a test resource: the bytes iproute2 sent, as strace dumped them (comment lines start with #). */
final class IprouteCapture {
    private IprouteCapture() {
    }

    static byte[] load(String name) {
        try (InputStream in = IprouteCapture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replace(" ", ""));
                }
            }
            return HexFormat.of().parseHex(hex.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request with its sequence number (bytes 8-11 of the header) set to 0. */
    static byte[] withoutSeq(byte[] message) {
        byte[] copy = message.clone();
        for (int i = 8; i < 12; i++) {
            copy[i] = 0;
        }
        return copy;
    }
}
