package org.ike4j.analysis.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.ike4j.analysis.capture.CaptureRecord.IkeDatagram;
import org.ike4j.analysis.capture.PcapWriter;
import org.ike4j.analysis.keys.KeyTableEntry;
import org.ike4j.analysis.keys.WiresharkKeyTables;
import org.ike4j.analysis.keys.WiresharkNames;
import org.ike4j.crypto.AeadAlgorithm;
import org.ike4j.crypto.CipherAlgorithm;
import org.ike4j.crypto.Crypto;
import org.ike4j.crypto.IntegrityAlgorithm;
import org.ike4j.crypto.Secret;
import org.ike4j.engine.v2.protection.SkKeys;
import org.ike4j.engine.v2.protection.SkProtector;
import org.ike4j.engine.v2.protection.SkSuite;
import org.ike4j.testkit.Tshark;
import org.ike4j.wire.Bytes;
import org.ike4j.wire.v2.Ikev2Message;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cipher, integrity algorithm and AEAD of {@link SkSuite}: the encrypted messages of a real IKEv2 exchange
 * (Wireshark's AES-CBC-256 capture: the IKE_AUTH request and response), decrypted, then protected again under the suite with fresh
 * keys, decode to the same payloads; and where Wireshark 4.0 can decrypt the suite, tshark reads
 * the same values from the same file with the same keys.
 */
class EverySuiteTest {

    @TempDir
    Path dir;

    static Stream<SkSuite> suites() {
        List<SkSuite> all = new ArrayList<>();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            if (c != CipherAlgorithm.NULL) {
                all.add(new SkSuite.Classic(c, c == CipherAlgorithm.DES3_CBC ? IntegrityAlgorithm.HMAC_SHA1_96
                        : IntegrityAlgorithm.HMAC_SHA2_256_128));
            }
        }
        for (IntegrityAlgorithm i : IntegrityAlgorithm.values()) {
            all.add(new SkSuite.Classic(CipherAlgorithm.AES_CBC_128, i));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            all.add(new SkSuite.Combined(a));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void reprotectedUnderTheSuiteDecodesToTheSamePayloads(SkSuite suite) throws Exception {
        KeySources original = KeySources.load(DecoderTsharkTest.WIRE.resolve("ikev2_decryption_table"));
        Conversation c = Decoder.decode(DecoderBadInputTest.V2, original);
        SecureRandom random = new SecureRandom();
        SkKeys i = keys(suite, random);
        SkKeys r = keys(suite, random);
        SkProtector fromI = new SkProtector(Crypto.defaults(), suite, i, random);
        SkProtector fromR = new SkProtector(Crypto.defaults(), suite, r, random);
        List<IkeDatagram> ds = DecoderBadInputTest.datagrams(DecoderBadInputTest.V2);
        Path file = dir.resolve("suite.pcap");
        try (PcapWriter w = PcapWriter.create(file, PcapWriter.Link.ETHERNET)) {
            for (int k = 0; k < ds.size(); k++) {
                IkeDatagram d = ds.get(k);
                Content.V2 content = (Content.V2) c.messages().get(k).content();
                byte[] bytes = content.inner().isEmpty() ? d.bytes().toByteArray()
                        : (content.message().header().isInitiator() ? fromI : fromR)
                                .protect(content.message().header(), content.inner().get());
                w.ike(d.time(), new InetSocketAddress(d.src(), d.srcPort()), new InetSocketAddress(d.dst(), d.dstPort()),
                        bytes);
            }
        }
        Ikev2Message first = ((Content.V2) c.messages().getFirst().content()).message();
        Bytes spiI = Bytes.fromHex(String.format("%016x", first.header().initiatorSpi()));
        Bytes spiR = Bytes.fromHex(c.sas().getFirst().responderSpi());
        KeySources keys = new KeySources(List.of(), List.of(new KeySources.Ikev2Key(spiI, spiR, Optional.of(suite), i, r,
                "test")), List.of(), List.of());
        Conversation again = Decoder.decode(file, keys);
        long encrypted = c.count(DecodedMessage.Status.DECRYPTED);
        assertEquals(2, encrypted, "the capture's IKE_AUTH request and response");
        assertEquals(encrypted, again.count(DecodedMessage.Status.DECRYPTED), suite + ": " + again.messages().stream()
                .map(DecodedMessage::detail).toList());
        for (int k = 0; k < ds.size(); k++) {
            assertEquals(inner(c.messages().get(k)), inner(again.messages().get(k)), suite + " frame " + (k + 1));
        }
        Optional<KeyTableEntry.Ikev2> row = wiresharkRow(spiI, spiR, suite, i, r);
        if (row.isPresent() && java.nio.file.Files.isExecutable(Tshark.BINARY)) {
            int decrypted = DecoderTsharkTest.compare(file, keys, List.of(WiresharkKeyTables.tsharkOption(row.get())));
            assertEquals(encrypted, decrypted, suite + " against tshark");
        }
    }

    private static String inner(DecodedMessage m) {
        return ((Content.V2) m.content()).inner().map(p -> p.stream().map(x -> x.type().name() + ":"
                + Bytes.wrap(org.ike4j.wire.v2.Ikev2Decoder.encodePayloads(List.of(x))).hex()).toList().toString())
                .orElse("plain");
    }

    private static SkKeys keys(SkSuite suite, SecureRandom random) {
        byte[] e = new byte[suite.encryptionKeySize()];
        byte[] a = new byte[suite.integrityKeySize()];
        random.nextBytes(e);
        random.nextBytes(a);
        return new SkKeys(Secret.wrap(e), Secret.wrap(a));
    }

    private static Optional<KeyTableEntry.Ikev2> wiresharkRow(Bytes spiI, Bytes spiR, SkSuite suite, SkKeys i, SkKeys r) {
        Optional<String> encryption;
        Optional<String> integrity;
        switch (suite) {
            case SkSuite.Classic s -> {
                encryption = WiresharkNames.ikev2Encryption(s.cipher());
                integrity = WiresharkNames.ikev2Integrity(s.integrity());
            }
            case SkSuite.Combined s -> {
                encryption = WiresharkNames.ikev2Encryption(s.aead());
                integrity = Optional.of(WiresharkNames.IKEV2_NO_INTEGRITY);
            }
        }
        if (encryption.isEmpty() || integrity.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeyTableEntry.Ikev2(spiI, spiR, i.encryption(), r.encryption(), encryption.get(),
                i.integrity(), r.integrity(), integrity.get()));
    }
}
